// Parameters (written by the client) and response headers (read by it) share one rule set:
// presence, `required`, serialization, `schema`/`content`, and documentation keys.
import { deref, same, show } from "./util.mjs";

export const parameterRules = {
  parameters(key, bo, ao, renamedFrom, flip) {
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
    const hints = new Map();
    for (const k of removed) {
      const p = bp.get(k);
      const sibling = added.filter((x) => ap.get(x).in === p.in);
      if (removed.filter((x) => bp.get(x).in === p.in).length === 1 && sibling.length === 1)
        hints.set(k, ` (renamed to \`${ap.get(sibling[0]).name}\`?)`);
    }
    for (const k of new Set([...bp.keys(), ...ap.keys()])) {
      const p = ap.get(k) ?? bp.get(k);
      const base = this.opCtx(key, ao.op, `parameter ${p.in} \`${p.name}\``, flip);
      const ctx = { ...base, dir: this.dirOf(base, "request"), loc: "parameter" };
      this.paramLike(bp.get(k), ap.get(k), ctx, `param:${k}`, { hint: hints.get(k) ?? "", success: true });
    }
  },

  headers(bh = {}, ah = {}, ctx, success) {
    for (const h of new Set([...Object.keys(bh ?? {}), ...Object.keys(ah ?? {})])) {
      const hctx = { ...ctx, where: `${ctx.where} header \`${h}\``, loc: "header" };
      this.paramLike(deref(this.b, bh?.[h]), deref(this.a, ah?.[h]), hctx, "header", { hint: "", success });
    }
  },

  /** One parameter or header; `ctx.dir` says whether the client writes it or reads it. */
  paramLike(B, A, ctx, topic, { hint, success }) {
    const writes = ctx.dir === "request";
    const noun = ctx.loc === "header" ? "header" : "parameter";
    if (!A) {
      // A removed parameter no longer type-checks where code passes it; a header the client
      // read is gone from a success response.
      const kind = writes || success ? "breaking" : "additive";
      return this.emit(ctx, kind, topic, `${noun} removed${hint}`);
    }
    if (!B) {
      const kind = writes && A.required ? "breaking" : "additive";
      return this.emit(ctx, kind, topic, `new ${A.required ? "required" : "optional"} ${noun}`);
    }
    if (!B.required && A.required) this.emit(ctx, writes ? "breaking" : "additive", "required", `${noun} is now required`);
    if (B.required && !A.required)
      this.emit(
        ctx,
        writes ? "additive" : "breaking",
        "required",
        writes ? `${noun} is now optional` : `${noun} is now optional (may be absent)`,
      );
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
    if (B.content || A.content) this.content(B.content, A.content, ctx, ctx.dir);
  },
};
