// Compares two OpenAPI 3.x documents and classifies every change for a typed client's users:
//   breaking  code built on the old generated types or behaviour may stop compiling or working
//   additive  new capability; existing code keeps working
//   docs      descriptions, summaries, examples, info: nothing a client compiles against
// The direction of a schema decides most rules: a response is read by the client, a request
// (parameters, body) is written by it. Widening what a client reads (a new enum value, a field
// made nullable or optional, a new oneOf variant) is breaking; widening what it may send is
// additive, and the reverse for narrowing. Schemas under components are diffed once each and
// reported under their own name, with the operations that use them.
// Why our own: see CONTRIBUTING.md ("How spec:diff classifies").

export const KIND_RANK = { docs: 0, additive: 1, breaking: 2 };
const BUMP = ["patch", "minor", "major"];

export function bumpFor(kind) {
  return kind ? BUMP[KIND_RANK[kind]] : null;
}

export function maxKind(a, b) {
  if (!a) return b ?? null;
  if (!b) return a;
  return KIND_RANK[a] >= KIND_RANK[b] ? a : b;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const DOC_KEYS = new Set([
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "externalDocs",
  "deprecated",
  "$comment",
  "xml",
]);
// Keys compared by dedicated rules below; anything else falls to the generic rule.
const SCHEMA_HANDLED = new Set([
  "$ref",
  "type",
  "nullable",
  "enum",
  "const",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "default",
]);
const TIGHTER_WHEN_LOWER = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"]);
const TIGHTER_WHEN_HIGHER = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"]);
const TIGHTER_WHEN_ADDED = new Set(["pattern", "format", "multipleOf", "uniqueItems", "contentEncoding", "contentMediaType"]);

/** JSON with sorted keys, so equal structures compare equal whatever their key order. */
export function stable(v) {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

const same = (a, b) => stable(a) === stable(b);
const show = (v) => {
  const s = typeof v === "string" ? JSON.stringify(v) : stable(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

function componentSchemaName(s) {
  const ref = s && typeof s === "object" ? s.$ref : undefined;
  const m = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return m ? decodePointer(m[1]) : null;
}

function decodePointer(seg) {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Follows local `$ref`s (`#/…`) until a non-reference object; unknown targets stay as they are. */
function deref(doc, node, seen = new Set()) {
  let cur = node;
  while (cur && typeof cur === "object" && typeof cur.$ref === "string" && cur.$ref.startsWith("#/")) {
    if (seen.has(cur.$ref)) return cur;
    seen.add(cur.$ref);
    let target = doc;
    for (const seg of cur.$ref.slice(2).split("/").map(decodePointer)) {
      target = target && typeof target === "object" ? target[seg] : undefined;
    }
    if (target === undefined) return cur;
    cur = target;
  }
  return cur;
}

function typeSet(s) {
  let t = null;
  if (typeof s.type === "string") t = [s.type];
  else if (Array.isArray(s.type)) t = [...s.type];
  if (t && s.nullable === true && !t.includes("null")) t.push("null");
  return t ? new Set(t) : null;
}

function subset(a, b) {
  for (const t of a) if (!b.has(t) && !(t === "integer" && b.has("number"))) return false;
  return true;
}

function enumOf(s) {
  if (Array.isArray(s.enum)) return s.enum;
  if (Object.hasOwn(s, "const")) return [s.const];
  return null;
}

/** Properties the generated type makes non-optional: `required`, plus any with a `default`
 *  (openapi-typescript 7's defaultNonNullable, on by default). */
function effectiveRequired(s, doc) {
  const out = new Set(Array.isArray(s.required) ? s.required : []);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const d = deref(doc, v);
    if (d && typeof d === "object" && Object.hasOwn(d, "default")) out.add(k);
  }
  return out;
}

function fmtTypes(set) {
  return set ? [...set].join(" | ") : "any";
}

function isSuccess(code) {
  return /^2/.test(String(code));
}

/**
 * Diffs two OpenAPI documents. `before` null means the spec is new (every operation is added);
 * `after` null means it was removed. Returns the list of changes, each
 * `{ kind, scope: "document"|"operation"|"schema", target, operationId, where, field, topic, message, usedBy? }`.
 */
export function diffSpecs(before, after) {
  const out = [];
  if (!before && !after) return out;
  if (!before) {
    const n = operationsOf(after).size;
    out.push(
      change("additive", "document", "document", null, "", null, "spec", `new spec (${n} operation${n === 1 ? "" : "s"})`),
    );
    for (const [key, o] of operationsOf(after)) {
      out.push(change("additive", "operation", key, o.op.operationId, "", null, "operation", "new operation"));
    }
    for (const name of Object.keys(after.components?.schemas ?? {})) {
      out.push(change("additive", "schema", name, null, "", null, "schema", "new schema"));
    }
    return out;
  }
  if (!after) {
    out.push(change("breaking", "document", "document", null, "", null, "spec", "spec removed: every operation is gone"));
    for (const [key, o] of operationsOf(before)) {
      out.push(change("breaking", "operation", key, o.op.operationId, "", null, "operation", "operation removed"));
    }
    return out;
  }
  const d = new Differ(before, after, out);
  d.run();
  return sortChanges(out, after, before);
}

function change(kind, scope, target, operationId, where, field, topic, message) {
  return { kind, scope, target, operationId: operationId ?? null, where, field, topic, message };
}

function operationsOf(doc) {
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem) ?? {};
    for (const m of METHODS) {
      if (item[m] && typeof item[m] === "object") {
        ops.set(`${m.toUpperCase()} ${path}`, { method: m, path, op: item[m], item });
      }
    }
  }
  return ops;
}

const shape = (path) => path.replace(/\{[^}]*\}/g, "{}");

class Differ {
  constructor(before, after, out) {
    this.b = before;
    this.a = after;
    this.out = out;
    this.queue = [];
    this.namedDirs = new Map(); // schema name → Set of directions compared
    this.usedBy = new Map(); // schema name → Set of operation keys (direct)
    this.edges = new Map(); // schema name → Set of schema names it references
    this.namedChanges = new Map(); // `${name}|${field}|${topic}` → change
  }

  emit(ctx, kind, topic, message, fieldOverride) {
    const field = fieldOverride !== undefined ? fieldOverride : ctx.path.length ? ctx.path.join(".").replace(/\.\[/g, "[") : null;
    const c = change(kind, ctx.scope, ctx.target, ctx.operationId, ctx.where, field, topic, message);
    if (ctx.scope === "schema") {
      const key = `${ctx.target}|${field}|${topic}`;
      const prev = this.namedChanges.get(key);
      if (!prev) {
        this.namedChanges.set(key, c);
        this.out.push(c);
      } else if (KIND_RANK[kind] > KIND_RANK[prev.kind]) {
        Object.assign(prev, { kind, message });
      }
      return;
    }
    this.out.push(c);
  }

  run() {
    this.document();
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
    this.components();
    this.drainNamed();
  }

  opCtx(key, op, where) {
    return { scope: "operation", target: key, operationId: op?.operationId ?? null, where, path: [], owner: key };
  }

  document() {
    const ctx = { scope: "document", target: "document", operationId: null, where: "", path: [] };
    const bi = this.b.info ?? {};
    const ai = this.a.info ?? {};
    for (const k of new Set([...Object.keys(bi), ...Object.keys(ai)])) {
      if (same(bi[k], ai[k])) continue;
      const msg = k === "version" ? `info.version ${show(bi[k])} → ${show(ai[k])}` : `info.${k} changed`;
      this.emit(ctx, "docs", `info.${k}`, msg, null);
    }
    if (!same(this.b.openapi, this.a.openapi)) {
      this.emit(ctx, "additive", "openapi", `OpenAPI version ${show(this.b.openapi)} → ${show(this.a.openapi)}`, null);
    }
    const bs = this.b.servers?.[0]?.url;
    const as = this.a.servers?.[0]?.url;
    if (bs !== as) {
      this.emit(
        ctx,
        "additive",
        "servers",
        `default base URL ${show(bs ?? "(none)")} → ${show(as ?? "(none)")} (clients that override baseUrl are unaffected)`,
        null,
      );
    } else if (!same(this.b.servers, this.a.servers)) {
      this.emit(ctx, "docs", "servers", "server list changed (the default base URL is the same)", null);
    }
    if (!same(this.b.security, this.a.security)) {
      this.emit(
        ctx,
        "breaking",
        "security",
        `security requirements changed: ${show(this.b.security ?? [])} → ${show(this.a.security ?? [])}`,
        null,
      );
    }
    for (const k of ["tags", "externalDocs"]) {
      if (!same(this.b[k], this.a[k])) this.emit(ctx, "docs", k, `${k} changed`, null);
    }
    const bw = this.b.webhooks ?? {};
    const aw = this.a.webhooks ?? {};
    for (const k of new Set([...Object.keys(bw), ...Object.keys(aw)])) {
      if (!(k in aw)) this.emit(ctx, "breaking", `webhook:${k}`, `webhook \`${k}\` removed`, null);
      else if (!(k in bw)) this.emit(ctx, "additive", `webhook:${k}`, `new webhook \`${k}\``, null);
      else if (!same(bw[k], aw[k])) this.emit(ctx, "additive", `webhook:${k}`, `webhook \`${k}\` changed`, null);
    }
    const bsec = this.b.components?.securitySchemes ?? {};
    const asec = this.a.components?.securitySchemes ?? {};
    for (const k of new Set([...Object.keys(bsec), ...Object.keys(asec)])) {
      const B = deref(this.b, bsec[k]);
      const A = deref(this.a, asec[k]);
      if (!A) this.emit(ctx, "breaking", `securityScheme:${k}`, `security scheme \`${k}\` removed`, null);
      else if (!B) this.emit(ctx, "additive", `securityScheme:${k}`, `new security scheme \`${k}\``, null);
      else {
        const strip = (s) => Object.fromEntries(Object.entries(s).filter(([kk]) => !DOC_KEYS.has(kk) && !kk.startsWith("x-")));
        if (!same(strip(B), strip(A))) {
          this.emit(
            ctx,
            "breaking",
            `securityScheme:${k}`,
            `security scheme \`${k}\` changed: ${show(strip(B))} → ${show(strip(A))}`,
            null,
          );
        } else if (!same(B, A)) {
          this.emit(ctx, "docs", `securityScheme:${k}`, `security scheme \`${k}\` description changed`, null);
        }
      }
    }
    for (const k of new Set([...Object.keys(this.b), ...Object.keys(this.a)])) {
      if (k.startsWith("x-") && !same(this.b[k], this.a[k])) this.emit(ctx, "docs", k, `\`${k}\` changed`, null);
    }
  }

  operation(key, bo, ao, renamedFrom) {
    const bop = bo.op;
    const aop = ao.op;
    const ctx = this.opCtx(key, aop, "");
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
    if ((bop.security || aop.security) && !same(bop.security ?? this.b.security, aop.security ?? this.a.security)) {
      this.emit(ctx, "breaking", "security", "security requirements changed");
    }
    for (const k of ["callbacks", "servers"]) {
      if (!same(bop[k], aop[k])) this.emit(ctx, "additive", k, `${k} changed`);
    }
    this.parameters(key, bo, ao, renamedFrom);
    this.requestBody(key, bop, aop);
    this.responses(key, bop, aop);
  }

  parameters(key, bo, ao, renamedFrom) {
    const collect = (doc, o) => {
      const m = new Map();
      for (const raw of [...(o.item.parameters ?? []), ...(o.op.parameters ?? [])]) {
        const p = deref(doc, raw);
        if (!p || typeof p !== "object" || !p.name) continue;
        m.set(`${p.in}:${p.in === "header" ? String(p.name).toLowerCase() : p.name}`, p);
      }
      return m;
    };
    const bp = collect(this.b, bo);
    const ap = collect(this.a, ao);
    // In a renamed path, path parameters pair up by position.
    if (renamedFrom) {
      const bNames = [...bo.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const aNames = [...ao.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      bNames.forEach((bn, i) => {
        const an = aNames[i];
        if (an && an !== bn && bp.has(`path:${bn}`)) {
          const p = bp.get(`path:${bn}`);
          bp.delete(`path:${bn}`);
          bp.set(`path:${an}`, p);
          this.emit(
            this.opCtx(key, ao.op, `parameter path \`${an}\``),
            "breaking",
            `param-rename:${bn}`,
            `path parameter renamed from \`${bn}\``,
          );
        }
      });
    }
    const removed = [...bp.keys()].filter((k) => !ap.has(k));
    const added = [...ap.keys()].filter((k) => !bp.has(k));
    for (const k of removed) {
      const p = bp.get(k);
      const sibling = added.filter((x) => ap.get(x).in === p.in);
      const hint =
        removed.filter((x) => bp.get(x).in === p.in).length === 1 && sibling.length === 1
          ? ` (renamed to \`${ap.get(sibling[0]).name}\`?)`
          : "";
      this.emit(this.opCtx(key, ao.op, `parameter ${p.in} \`${p.name}\``), "breaking", `param:${k}`, `parameter removed${hint}`);
    }
    for (const k of added) {
      const p = ap.get(k);
      const ctx = this.opCtx(key, ao.op, `parameter ${p.in} \`${p.name}\``);
      if (p.required) this.emit(ctx, "breaking", `param:${k}`, "new required parameter");
      else this.emit(ctx, "additive", `param:${k}`, "new optional parameter");
    }
    for (const [k, A] of ap) {
      const B = bp.get(k);
      if (!B) continue;
      const ctx = { ...this.opCtx(key, ao.op, `parameter ${A.in} \`${A.name}\``), dir: "request" };
      if (!B.required && A.required) this.emit(ctx, "breaking", "required", "parameter is now required");
      if (B.required && !A.required) this.emit(ctx, "additive", "required", "parameter is now optional");
      for (const kk of ["style", "explode", "allowReserved", "allowEmptyValue"]) {
        if (!same(B[kk], A[kk]))
          this.emit(
            ctx,
            "breaking",
            kk,
            `serialization changed (${kk}: ${show(B[kk] ?? "default")} → ${show(A[kk] ?? "default")})`,
          );
      }
      for (const kk of ["description", "example", "examples", "deprecated"]) {
        if (!same(B[kk], A[kk])) this.emit(ctx, "docs", kk, `${kk} changed`);
      }
      if (B.schema || A.schema) this.schema(B.schema, A.schema, ctx);
      if (B.content || A.content) this.content(B.content, A.content, ctx, "request");
    }
  }

  requestBody(key, bop, aop) {
    const B = deref(this.b, bop.requestBody);
    const A = deref(this.a, aop.requestBody);
    if (!B && !A) return;
    const ctx = { ...this.opCtx(key, aop, "request body"), dir: "request" };
    if (!A) return this.emit(ctx, "breaking", "requestBody", "request body removed");
    if (!B)
      return this.emit(
        ctx,
        A.required ? "breaking" : "additive",
        "requestBody",
        A.required ? "new required request body" : "new optional request body",
      );
    if (!B.required && A.required) this.emit(ctx, "breaking", "required", "request body is now required");
    if (B.required && !A.required) this.emit(ctx, "additive", "required", "request body is now optional");
    if (!same(B.description, A.description)) this.emit(ctx, "docs", "description", "description changed");
    this.content(B.content, A.content, ctx, "request");
  }

  responses(key, bop, aop) {
    const br = bop.responses ?? {};
    const ar = aop.responses ?? {};
    for (const code of new Set([...Object.keys(br), ...Object.keys(ar)])) {
      const B = deref(this.b, br[code]);
      const A = deref(this.a, ar[code]);
      const ctx = { ...this.opCtx(key, aop, `response ${code}`), dir: "response" };
      if (!A) {
        if (isSuccess(code)) this.emit(ctx, "breaking", "response", "success response removed");
        else this.emit(ctx, "additive", "response", "documented error response removed");
        continue;
      }
      if (!B) {
        if (!isSuccess(code)) {
          this.emit(ctx, "additive", "response", "new documented error response");
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
      const bh = B.headers ?? {};
      const ah = A.headers ?? {};
      for (const h of new Set([...Object.keys(bh), ...Object.keys(ah)])) {
        const hctx = { ...ctx, where: `${ctx.where} header \`${h}\`` };
        const BH = deref(this.b, bh[h]);
        const AH = deref(this.a, ah[h]);
        if (!AH) this.emit(hctx, isSuccess(code) ? "breaking" : "additive", "header", "response header removed");
        else if (!BH) this.emit(hctx, "additive", "header", "new response header");
        else {
          if (!same(BH.description, AH.description)) this.emit(hctx, "docs", "description", "description changed");
          this.schema(BH.schema, AH.schema, hctx);
        }
      }
      this.content(B.content, A.content, ctx, "response", isSuccess(code));
    }
  }

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
  }

  /** Registers a use of a named schema; its own diff runs once per direction in drainNamed. */
  useNamed(name, ctx) {
    if (ctx.scope === "schema") {
      if (!this.edges.has(ctx.target)) this.edges.set(ctx.target, new Set());
      this.edges.get(ctx.target).add(name);
    } else if (ctx.scope === "operation") {
      if (!this.usedBy.has(name)) this.usedBy.set(name, new Set());
      this.usedBy.get(name).add(ctx.target);
    }
    this.enqueue(name, ctx.dir);
  }

  enqueue(name, dir) {
    if (!this.namedDirs.has(name)) this.namedDirs.set(name, new Set());
    const dirs = this.namedDirs.get(name);
    if (dirs.has(dir)) return;
    dirs.add(dir);
    this.queue.push([name, dir]);
  }

  drainNamed() {
    const bs = this.b.components?.schemas ?? {};
    const as = this.a.components?.schemas ?? {};
    const run = () => {
      while (this.queue.length > 0) {
        const [name, dir] = this.queue.shift();
        if (!(name in bs) || !(name in as)) continue; // reported as removed/added below
        const ctx = { scope: "schema", target: name, operationId: null, where: "", path: [], dir, stack: [] };
        this.schema(bs[name], as[name], ctx);
      }
    };
    run();
    // Schemas no operation reaches are still exported types: diff them both ways.
    for (const name of Object.keys(as)) {
      if (name in bs && !this.namedDirs.has(name)) {
        this.enqueue(name, "response");
        this.enqueue(name, "request");
        run();
      }
    }
    // Attach "used by" (transitively, through other schemas) to every schema change.
    const closure = new Map();
    const reach = (name, seen = new Set()) => {
      if (closure.has(name)) return closure.get(name);
      if (seen.has(name)) return new Set();
      seen.add(name);
      const ops = new Set(this.usedBy.get(name) ?? []);
      for (const [parent, kids] of this.edges) {
        if (kids.has(name)) for (const op of reach(parent, seen)) ops.add(op);
      }
      closure.set(name, ops);
      return ops;
    };
    for (const c of this.out) {
      if (c.scope === "schema") c.usedBy = [...reach(c.target)].sort();
    }
  }

  components() {
    const ctx = { scope: "schema", operationId: null, where: "", path: [] };
    const bs = this.b.components?.schemas ?? {};
    const as = this.a.components?.schemas ?? {};
    for (const name of Object.keys(bs)) {
      if (!(name in as))
        this.emit({ ...ctx, target: name }, "breaking", "schema", "schema removed (its exported type is gone)", null);
    }
    for (const name of Object.keys(as)) {
      if (!(name in bs)) this.emit({ ...ctx, target: name }, "additive", "schema", "new schema", null);
    }
    const dctx = { scope: "document", target: "document", operationId: null, where: "", path: [] };
    for (const section of ["parameters", "responses", "requestBodies", "headers"]) {
      const B = this.b.components?.[section] ?? {};
      const A = this.a.components?.[section] ?? {};
      for (const n of Object.keys(B)) {
        if (!(n in A))
          this.emit(dctx, "breaking", `${section}:${n}`, `components.${section}.${n} removed (its exported type is gone)`, null);
      }
      for (const n of Object.keys(A)) {
        if (!(n in B)) this.emit(dctx, "additive", `${section}:${n}`, `new components.${section}.${n}`, null);
      }
    }
  }

  /** Compares two schema positions (either may be a $ref). */
  schema(b, a, ctx) {
    if (b === undefined && a === undefined) return;
    if (b === undefined || a === undefined) {
      // A schema appearing where there was none narrows what is allowed; one disappearing widens it.
      const narrowed = b === undefined;
      const kind = (ctx.dir === "request") === narrowed ? "breaking" : "additive";
      this.emit(ctx, kind, "schema", narrowed ? "schema now declared" : "schema removed (any value allowed)");
      return;
    }
    const bn = componentSchemaName(b);
    const an = componentSchemaName(a);
    if (bn && an && bn === an) {
      this.useNamed(bn, ctx);
      return;
    }
    if (bn || an) {
      const pair = `${bn ?? "inline"}→${an ?? "inline"}`;
      const stack = ctx.stack ?? [];
      if (stack.includes(pair)) return;
      if (bn && an) this.emit(ctx, "docs", "ref", `now refers to schema \`${an}\` instead of \`${bn}\``);
      this.schemaBody(deref(this.b, b), deref(this.a, a), { ...ctx, stack: [...stack, pair] });
      return;
    }
    this.schemaBody(deref(this.b, b), deref(this.a, a), ctx);
  }

  schemaBody(B, A, ctx) {
    if (typeof B !== "object" || typeof A !== "object" || B === null || A === null) {
      // Boolean schemas (3.1): true accepts anything, false nothing.
      if (!same(B, A)) this.emit(ctx, "breaking", "schema", `schema ${show(B)} → ${show(A)}`);
      return;
    }
    const resp = ctx.dir !== "request";
    // type, with 3.0 `nullable` folded in
    const bt = typeSet(B);
    const at = typeSet(A);
    const nullChanged = Boolean(bt && at && bt.has("null") !== at.has("null"));
    if (bt || at) {
      if (!bt || !at) {
        const narrowed = !bt;
        const kind = resp === narrowed ? "additive" : "breaking";
        this.emit(
          ctx,
          kind,
          "type",
          narrowed ? `type now declared as ${fmtTypes(at)}` : `type constraint ${fmtTypes(bt)} removed`,
        );
      } else if (!same([...bt].sort(), [...at].sort())) {
        const narrowed = subset(at, bt);
        const widened = subset(bt, at);
        const onlyNull = [...new Set([...bt, ...at])].filter((t) => bt.has(t) !== at.has(t));
        const nullOnly = onlyNull.length === 1 && onlyNull[0] === "null";
        let kind;
        let msg;
        if (resp) {
          kind = narrowed ? "additive" : "breaking";
          msg = nullOnly
            ? at.has("null")
              ? "made nullable in a response"
              : "no longer nullable"
            : `type changed: ${fmtTypes(bt)} → ${fmtTypes(at)}`;
        } else {
          kind = widened ? "additive" : "breaking";
          msg = nullOnly
            ? at.has("null")
              ? "now accepts null"
              : "no longer accepts null"
            : `type changed: ${fmtTypes(bt)} → ${fmtTypes(at)}`;
        }
        this.emit(ctx, kind, "type", msg);
      }
    }
    this.enums(B, A, ctx, nullChanged);
    this.objects(B, A, ctx);
    if (B.items !== undefined || A.items !== undefined) {
      this.schema(B.items, A.items, { ...ctx, path: [...ctx.path, "[]"] });
    }
    this.additional(B, A, ctx);
    for (const kw of ["oneOf", "anyOf", "allOf"]) this.composition(kw, B[kw], A[kw], ctx);
    if (!same(B.default, A.default))
      this.emit(ctx, "docs", "default", `default ${show(B.default ?? "(none)")} → ${show(A.default ?? "(none)")}`);
    for (const k of new Set([...Object.keys(B), ...Object.keys(A)])) {
      if (SCHEMA_HANDLED.has(k) || same(B[k], A[k])) continue;
      if (DOC_KEYS.has(k) || k.startsWith("x-")) {
        this.emit(ctx, "docs", k, `${k} changed`);
      } else if (TIGHTER_WHEN_LOWER.has(k) || TIGHTER_WHEN_HIGHER.has(k) || TIGHTER_WHEN_ADDED.has(k)) {
        const tighter = isTighter(k, B[k], A[k]);
        const kind = resp ? "additive" : tighter ? "breaking" : "additive";
        this.emit(
          ctx,
          kind,
          `constraint:${k}`,
          `${k} ${show(B[k] ?? "(none)")} → ${show(A[k] ?? "(none)")}${!resp && tighter ? " (stricter input)" : ""}`,
        );
      } else {
        this.emit(ctx, "additive", `keyword:${k}`, `\`${k}\` changed`);
      }
    }
  }

  enums(B, A, ctx, nullChanged) {
    const be = enumOf(B);
    const ae = enumOf(A);
    if (!be && !ae) return;
    const resp = ctx.dir !== "request";
    if (!be || !ae) {
      const narrowed = !be;
      const kind = resp === narrowed ? "additive" : "breaking";
      this.emit(
        ctx,
        kind,
        "enum",
        narrowed ? `now limited to ${ae.map(show).join(", ")}` : "enum removed: any value is now possible",
      );
      return;
    }
    const bk = new Map(be.map((v) => [stable(v), v]));
    const ak = new Map(ae.map((v) => [stable(v), v]));
    for (const [k, v] of ak) {
      if (bk.has(k) || (v === null && nullChanged)) continue;
      if (resp)
        this.emit(ctx, "breaking", `enum+:${k}`, `new value ${show(v)} in a response enum: exhaustive code would not handle it`);
      else this.emit(ctx, "additive", `enum+:${k}`, `new accepted value ${show(v)}`);
    }
    for (const [k, v] of bk) {
      if (ak.has(k) || (v === null && nullChanged)) continue;
      this.emit(ctx, "breaking", `enum-:${k}`, `value ${show(v)} removed from the enum`);
    }
  }

  objects(B, A, ctx) {
    const bp = B.properties ?? {};
    const ap = A.properties ?? {};
    if (!B.properties && !A.properties && !B.required && !A.required) return;
    const resp = ctx.dir !== "request";
    const breq = effectiveRequired(B, this.b);
    const areq = effectiveRequired(A, this.a);
    const removed = Object.keys(bp).filter((k) => !(k in ap));
    const added = Object.keys(ap).filter((k) => !(k in bp));
    for (const k of removed) {
      const twin =
        removed.length === 1 && added.length === 1 && same(bp[k], ap[added[0]]) ? ` (renamed to \`${added[0]}\`?)` : "";
      this.emit(
        { ...ctx, path: [...ctx.path, k] },
        "breaking",
        "field",
        resp ? `response field removed${twin}` : `request field removed${twin}`,
      );
    }
    for (const k of added) {
      const c = { ...ctx, path: [...ctx.path, k] };
      if (resp) this.emit(c, "additive", "field", areq.has(k) ? "new field" : "new optional field");
      else if (areq.has(k)) this.emit(c, "breaking", "field", "new required request field");
      else this.emit(c, "additive", "field", "new optional request field");
    }
    for (const k of Object.keys(ap)) {
      if (!(k in bp)) continue;
      const c = { ...ctx, path: [...ctx.path, k] };
      const was = breq.has(k);
      const now = areq.has(k);
      // Required-ness may come from a `default` alone (openapi-typescript makes such fields non-optional).
      const viaDefault = (S) =>
        Array.isArray(S.required) && S.required.includes(k)
          ? ""
          : " (through `default`, which makes it non-optional in the generated type)";
      if (was && !now)
        this.emit(
          c,
          resp ? "breaking" : "additive",
          "required",
          `${resp ? "made optional in a response (may be absent)" : "request field now optional"}${viaDefault(B)}`,
        );
      if (!was && now)
        this.emit(
          c,
          resp ? "additive" : "breaking",
          "required",
          `${resp ? "now always present" : "request field now required"}${viaDefault(A)}`,
        );
      this.schema(bp[k], ap[k], c);
    }
  }

  additional(B, A, ctx) {
    const bv = B.additionalProperties;
    const av = A.additionalProperties;
    if (same(bv, av)) return;
    const c = { ...ctx, path: [...ctx.path, "{*}"] };
    if (bv && av && typeof bv === "object" && typeof av === "object") return this.schema(bv, av, c);
    const closedNow = av === false;
    const kind = ctx.dir === "request" && closedNow ? "breaking" : "additive";
    this.emit(c, kind, "additionalProperties", `additionalProperties ${show(bv ?? "(default)")} → ${show(av ?? "(default)")}`);
  }

  composition(kw, bl, al, ctx) {
    if (!bl && !al) return;
    const resp = ctx.dir !== "request";
    if (!bl || !al) {
      this.emit(ctx, "breaking", kw, `${kw} ${bl ? "removed" : "added"}`);
      return;
    }
    const key = (s) => componentSchemaName(s) ?? stable(s);
    const bk = bl.map(key);
    const ak = al.map(key);
    const unB = [];
    const unA = [];
    bl.forEach((s, i) => {
      const j = ak.indexOf(bk[i]);
      if (j >= 0) this.schema(s, al[j], { ...ctx, path: [...ctx.path, `${kw}[${j}]`] });
      else unB.push(i);
    });
    al.forEach((_s, j) => {
      if (!bk.includes(ak[j])) unA.push(j);
    });
    // Same number of unmatched members on each side: the members were edited, not added or removed.
    if (unB.length === unA.length) {
      unB.forEach((i, n) => {
        const j = unA[n];
        this.schema(bl[i], al[j], { ...ctx, path: [...ctx.path, `${kw}[${j}]`] });
      });
      return;
    }
    for (const j of unA) {
      const c = { ...ctx, path: [...ctx.path, `${kw}[${j}]`] };
      if (kw === "allOf") this.emit(c, resp ? "additive" : "breaking", kw, "new allOf member");
      else
        this.emit(
          c,
          resp ? "breaking" : "additive",
          kw,
          resp ? `new ${kw} variant in a response: code may not handle it` : `new accepted ${kw} variant`,
        );
    }
    for (const i of unB) {
      const c = { ...ctx, path: [...ctx.path, `${kw}[${i}]`] };
      if (kw === "allOf") this.emit(c, resp ? "breaking" : "additive", kw, "allOf member removed");
      else this.emit(c, "breaking", kw, `${kw} variant removed`);
    }
  }
}

function isTighter(k, b, a) {
  if (a === undefined) return false;
  if (b === undefined) return true;
  if (TIGHTER_WHEN_LOWER.has(k)) return a < b;
  if (TIGHTER_WHEN_HIGHER.has(k)) return a > b;
  return true;
}

function describeExamples(b, a, k) {
  if (k === "examples" && b && a && typeof b === "object" && typeof a === "object") {
    const added = Object.keys(a).filter((x) => !(x in b));
    const removed = Object.keys(b).filter((x) => !(x in a));
    const parts = [];
    if (added.length) parts.push(`added ${added.join(", ")}`);
    if (removed.length) parts.push(`removed ${removed.join(", ")}`);
    const changed = Object.keys(a).filter((x) => x in b && !same(a[x], b[x]));
    if (changed.length) parts.push(`changed ${changed.join(", ")}`);
    return `examples: ${parts.join("; ")}`;
  }
  return `${k} changed`;
}

/** Orders changes: document first, then operations in path order, then schemas in spec order;
 *  within a target, breaking before additive before docs, otherwise in discovery order. */
function sortChanges(changes, after, before) {
  const order = new Map();
  let i = 0;
  for (const doc of [after, before]) {
    for (const k of operationsOf(doc).keys()) if (!order.has(k)) order.set(k, i++);
    for (const k of Object.keys(doc.components?.schemas ?? {})) if (!order.has(`schema:${k}`)) order.set(`schema:${k}`, i++);
  }
  const scopeRank = { document: 0, operation: 1, schema: 2 };
  const pos = (c) => order.get(c.scope === "schema" ? `schema:${c.target}` : c.target) ?? i;
  return changes
    .map((c, n) => ({ c, n }))
    .sort(
      (x, y) =>
        scopeRank[x.c.scope] - scopeRank[y.c.scope] ||
        pos(x.c) - pos(y.c) ||
        KIND_RANK[y.c.kind] - KIND_RANK[x.c.kind] ||
        x.n - y.n,
    )
    .map((x) => x.c);
}

/** Counts per kind and the overall bump ("major" | "minor" | "patch" | null). */
export function summarize(changes) {
  const counts = { breaking: 0, additive: 0, docs: 0 };
  let top = null;
  for (const c of changes) {
    counts[c.kind]++;
    top = maxKind(top, c.kind);
  }
  return { counts, kind: top, bump: bumpFor(top) };
}
