// Document-level rules: info, servers, security, security schemes, component sections, x-*.
import { DOC_KEYS, deref, same, show } from "./util.mjs";

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Security requirements as alternatives (any one suffices), each a map scheme → scopes.
 *  Absent or empty means no credential is needed: one empty alternative. */
function alternatives(sec) {
  if (!Array.isArray(sec) || sec.length === 0) return [{}];
  return sec.map((r) => r ?? {});
}

/** A client that satisfied an old alternative keeps working when some new alternative asks for no
 *  scheme and no scope beyond it. So removing a requirement, a scheme from one, or a scope is
 *  harmless; a new scheme or scope in every alternative the client could have used is breaking. */
export function securityKind(before, after) {
  const B = alternatives(before);
  const A = alternatives(after);
  const within = (req, held) =>
    Object.entries(req).every(
      ([scheme, scopes]) => scheme in held && (scopes ?? []).every((s) => (held[scheme] ?? []).includes(s)),
    );
  return B.every((held) => A.some((req) => within(req, held))) ? "additive" : "breaking";
}

export const documentRules = {
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
      const kind = securityKind(this.b.security, this.a.security);
      this.emit(
        ctx,
        kind,
        "security",
        `security requirements ${kind === "breaking" ? "tightened" : "relaxed"}: ${show(this.b.security ?? [])} → ${show(this.a.security ?? [])}`,
        null,
      );
    }
    for (const k of ["tags", "externalDocs"]) {
      if (!same(this.b[k], this.a[k])) this.emit(ctx, "docs", k, `${k} changed`, null);
    }
    const bsec = this.b.components?.securitySchemes ?? {};
    const asec = this.a.components?.securitySchemes ?? {};
    for (const k of new Set([...Object.keys(bsec), ...Object.keys(asec)])) {
      const B = deref(this.b, bsec[k]);
      const A = deref(this.a, asec[k]);
      // A scheme no requirement names asks nothing of a client; requirements are judged above.
      if (!A) this.emit(ctx, "additive", `securityScheme:${k}`, `security scheme \`${k}\` removed`, null);
      else if (!B) this.emit(ctx, "additive", `securityScheme:${k}`, `new security scheme \`${k}\``, null);
      else {
        const strip = (s) => Object.fromEntries(Object.entries(s).filter(([kk]) => !DOC_KEYS.has(kk) && !kk.startsWith("x-")));
        // Scopes a flow offers: a new one asks nothing of a client, a removed one may be refused.
        const scopes = (s) =>
          Object.entries(s.flows ?? {}).flatMap(([f, flow]) => Object.keys(flow?.scopes ?? {}).map((sc) => `${f}:${sc}`));
        const noScopes = (s) => {
          const t = strip(s);
          if (!isObj(t.flows)) return t;
          return {
            ...t,
            flows: Object.fromEntries(Object.entries(t.flows).map(([f, flow]) => [f, { ...flow, scopes: undefined }])),
          };
        };
        const lostScope = scopes(B).some((sc) => !scopes(A).includes(sc));
        if (same(noScopes(B), noScopes(A)) && !lostScope && !same(strip(B), strip(A))) {
          this.emit(ctx, "additive", `securityScheme:${k}`, `security scheme \`${k}\` offers new scopes`, null);
        } else if (!same(strip(B), strip(A))) {
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
  },

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
  },
};
