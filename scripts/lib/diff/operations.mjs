// Operation-level rules: paths and webhooks matched up, operationId, security, request bodies,
// responses and media types. A webhook is an operation the API calls on the client: its request
// body is read by the client and its responses are written by it, so the directions swap.
import { securityKind } from "./document.mjs";
import { deref, describeExamples, isSuccess, operationsOf, same, show, stable } from "./util.mjs";

const shape = (path) => path.replace(/\{[^}]*\}/g, "{}");

export const operationRules = {
  operations() {
    const bOps = operationsOf(this.b);
    const aOps = operationsOf(this.a);
    const unmatchedB = [...bOps.keys()].filter((k) => !aOps.has(k));
    const unmatchedA = new Set([...aOps.keys()].filter((k) => !bOps.has(k)));
    for (const [key, ao] of aOps) {
      const bo = bOps.get(key);
      if (bo) this.operation(key, bo, ao, null);
    }
    for (const key of unmatchedB) {
      const bo = bOps.get(key);
      // Same method and the same path with only parameter names changed: a rename, so compare
      // the rest too (the path key of the typed client changes, which is breaking by itself).
      const twin = [...unmatchedA].find((k) => {
        const ao = aOps.get(k);
        return ao.method === bo.method && shape(ao.path) === shape(bo.path);
      });
      if (twin) {
        unmatchedA.delete(twin);
        const ao = aOps.get(twin);
        const ctx = this.opCtx(twin, ao.op, "");
        this.emit(ctx, "breaking", "path", `path renamed from \`${bo.path}\` (path parameter names changed)`);
        this.operation(twin, bo, ao, bo.path);
        continue;
      }
      this.emit(this.opCtx(key, bo.op, ""), "breaking", "operation", "operation removed");
    }
    for (const key of unmatchedA) {
      this.emit(this.opCtx(key, aOps.get(key).op, ""), "additive", "operation", "new operation");
    }
  },

  webhooks() {
    const bw = operationsOf(this.b, "webhooks");
    const aw = operationsOf(this.a, "webhooks");
    for (const [key, bo] of bw) {
      // Code typed on the payload of a webhook the API no longer sends stops compiling.
      if (!aw.has(key)) this.emit(this.opCtx(key, bo.op, ""), "breaking", "webhook", "webhook removed");
    }
    for (const [key, ao] of aw) {
      const bo = bw.get(key);
      if (!bo) this.emit(this.opCtx(key, ao.op, ""), "additive", "webhook", "new webhook");
      else this.operation(key, bo, ao, null, true);
    }
  },

  opCtx(key, op, where, flip = false) {
    return { scope: "operation", target: key, operationId: op?.operationId ?? null, where, path: [], flip };
  },

  /** The direction of what the client sends ("request") or reads ("response"), swapped in webhooks. */
  dirOf(ctx, dir) {
    if (!ctx.flip) return dir;
    return dir === "request" ? "response" : "request";
  },

  operation(key, bo, ao, renamedFrom, flip = false) {
    const bop = bo.op;
    const aop = ao.op;
    const ctx = this.opCtx(key, aop, "", flip);
    if ((bop.operationId ?? null) !== (aop.operationId ?? null)) {
      const kind = bop.operationId ? "breaking" : "additive";
      this.emit(
        ctx,
        kind,
        "operationId",
        `operationId ${show(bop.operationId ?? "(none)")} → ${show(aop.operationId ?? "(none)")}`,
      );
    }
    for (const k of ["summary", "description", "tags", "externalDocs", "deprecated"]) {
      if (!same(bop[k], aop[k]))
        this.emit(ctx, "docs", k, k === "deprecated" ? `deprecated: ${show(aop[k] ?? false)}` : `${k} changed`);
    }
    if (!flip && (bop.security || aop.security)) {
      const B = bop.security ?? this.b.security;
      const A = aop.security ?? this.a.security;
      if (!same(B, A)) {
        const kind = securityKind(B, A);
        this.emit(ctx, kind, "security", `security requirements ${kind === "breaking" ? "tightened" : "relaxed"}`);
      }
    }
    for (const k of ["callbacks", "servers"]) {
      if (!same(bop[k], aop[k])) this.emit(ctx, "additive", k, `${k} changed`);
    }
    this.parameters(key, bo, ao, renamedFrom, flip);
    this.requestBody(key, bop, aop, flip);
    this.responses(key, bop, aop, flip);
  },

  requestBody(key, bop, aop, flip) {
    const B = deref(this.b, bop.requestBody);
    const A = deref(this.a, aop.requestBody);
    if (!B && !A) return;
    const base = this.opCtx(key, aop, "request body", flip);
    const ctx = { ...base, dir: this.dirOf(base, "request"), loc: "requestBody" };
    const writes = ctx.dir === "request";
    if (!A) return this.emit(ctx, "breaking", "requestBody", "request body removed");
    if (!B)
      return this.emit(
        ctx,
        A.required && writes ? "breaking" : "additive",
        "requestBody",
        A.required ? "new required request body" : "new optional request body",
      );
    if (!B.required && A.required) this.emit(ctx, writes ? "breaking" : "additive", "required", "request body is now required");
    if (B.required && !A.required) this.emit(ctx, writes ? "additive" : "breaking", "required", "request body is now optional");
    if (!same(B.description, A.description)) this.emit(ctx, "docs", "description", "description changed");
    this.content(B.content, A.content, ctx, ctx.dir);
  },

  responses(key, bop, aop, flip) {
    const br = bop.responses ?? {};
    const ar = aop.responses ?? {};
    for (const code of new Set([...Object.keys(br), ...Object.keys(ar)])) {
      const B = deref(this.b, br[code]);
      const A = deref(this.a, ar[code]);
      const base = this.opCtx(key, aop, `response ${code}`, flip);
      const ctx = { ...base, dir: this.dirOf(base, "response"), loc: "response" };
      if (!A) {
        if (isSuccess(code)) this.emit(ctx, "breaking", "response", "success response removed");
        else this.emit(ctx, "additive", "response", "documented error response removed");
        continue;
      }
      if (!B) {
        if (!isSuccess(code) || flip) {
          this.emit(ctx, "additive", "response", isSuccess(code) ? "new response" : "new documented error response");
          continue;
        }
        // A new 2xx widens the `data` union unless it has the same body as an existing one.
        const known = Object.entries(br)
          .filter(([c]) => isSuccess(c))
          .map(([, r]) => stable(deref(this.b, r)?.content));
        const sameBody = known.includes(stable(A.content));
        this.emit(
          ctx,
          sameBody ? "additive" : "breaking",
          "response",
          sameBody
            ? "new success response (same body as an existing one)"
            : "new success response with another body: `data` may now have this shape",
        );
        continue;
      }
      if (!same(B.description, A.description)) this.emit(ctx, "docs", "description", "description changed");
      if (!same(B.links, A.links)) this.emit(ctx, "docs", "links", "links changed");
      this.headers(B.headers, A.headers, ctx, isSuccess(code));
      this.content(B.content, A.content, ctx, ctx.dir, isSuccess(code));
    }
  },

  content(bc = {}, ac = {}, ctx, dir, success = true) {
    for (const mt of new Set([...Object.keys(bc ?? {}), ...Object.keys(ac ?? {})])) {
      const c = { ...ctx, where: `${ctx.where} ${mt}`, dir };
      const B = bc?.[mt];
      const A = ac?.[mt];
      if (!A) {
        this.emit(c, dir === "request" || success ? "breaking" : "additive", "media", "media type removed");
        continue;
      }
      if (!B) {
        this.emit(c, "additive", "media", "new media type");
        continue;
      }
      for (const k of ["example", "examples"]) {
        if (!same(B[k], A[k])) this.emit(c, "docs", k, describeExamples(B[k], A[k], k));
      }
      if (!same(B.encoding, A.encoding)) this.emit(c, "additive", "encoding", "encoding changed");
      this.schema(B.schema, A.schema, c);
    }
  },
};
