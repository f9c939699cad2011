// Schema rules, JSON Schema 2020-12 (OpenAPI 3.1) and 3.0 alike. `ctx.dir` is "request" where the
// client writes the value and "response" where it reads it: narrowing what is read and widening
// what is written are safe, the reverse breaks. Constraints that no generated type carries
// (maxLength, pattern, contains, dependentRequired…) only matter where the server validates
// them: tighter in a request is breaking, any change in a response is additive (the client
// neither checks nor depends on them to compile; see CONTRIBUTING.md).
import { componentSchemaName, deref, isAnnotationKey, same, show, stable } from "./util.mjs";

// Keys compared by dedicated rules; anything else falls to the generic rule.
const SCHEMA_HANDLED = new Set([
  "$ref",
  "type",
  "nullable",
  "enum",
  "const",
  "properties",
  "required",
  "items",
  "prefixItems",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "patternProperties",
  "dependentSchemas",
  "dependentRequired",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "contentSchema",
  "oneOf",
  "anyOf",
  "allOf",
  "default",
  "readOnly",
  "writeOnly",
  "discriminator",
  "$defs",
  "definitions",
  "$id",
  "$schema",
  "$anchor",
]);
const TIGHTER_WHEN_LOWER = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"]);
const TIGHTER_WHEN_HIGHER = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains"]);
const TIGHTER_WHEN_ADDED = new Set(["pattern", "format", "multipleOf", "uniqueItems", "contentEncoding", "contentMediaType"]);
// Sub-schemas that restrict the value they sit in (more there means less accepted).
const NARROWING_SUBSCHEMAS = ["then", "else", "contains", "propertyNames", "contentSchema"];
// Patterns that accept every string.
const TRIVIAL_PATTERNS = new Set(["", ".*", "^.*$", "^.*", ".*$", "(.*)", "^(.*)$", "[\\s\\S]*", "^[\\s\\S]*$"]);

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

function fmtTypes(set) {
  return set ? [...set].join(" | ") : "any";
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Only annotations: adds nothing to the generated type (`T & unknown` is `T`). */
const annotationOnly = (s) => isObj(s) && !s.$ref && Object.keys(s).every(isAnnotationKey);

/** `{oneOf: [...]}` (or anyOf/allOf) with nothing else but annotations. */
const wrapperOf = (s, kw) =>
  isObj(s) && !s.$ref && Array.isArray(s[kw]) && Object.keys(s).every((k) => k === kw || isAnnotationKey(k));

function isTighter(k, b, a) {
  if (a === undefined) return false;
  if (k === "pattern") {
    if (TRIVIAL_PATTERNS.has(a)) return false;
    // The same expression without its anchors accepts more.
    if (b !== undefined && String(b).replace(/^\^/, "").replace(/\$$/, "") === a) return false;
    return b === undefined || TRIVIAL_PATTERNS.has(b) || a !== b;
  }
  if (k === "uniqueItems") return a === true && b !== true;
  if (b === undefined) return true;
  // A multiple of the old step accepts fewer numbers; a divisor of it accepts more.
  if (k === "multipleOf") return !(typeof a === "number" && typeof b === "number" && b % a === 0);
  if (TIGHTER_WHEN_LOWER.has(k)) return a < b;
  if (TIGHTER_WHEN_HIGHER.has(k)) return a > b;
  return true;
}

export const schemaRules = {
  /** Properties the generated type makes non-optional: `required`, plus those with a `default`
   *  (openapi-typescript's defaultNonNullable) except inline in a request body or parameter,
   *  where openapi-typescript keeps them optional. */
  effectiveRequired(s, doc, ctx) {
    const out = new Set(Array.isArray(s.required) ? s.required : []);
    const defaultsCount = ctx.scope === "schema" || (ctx.loc !== "requestBody" && ctx.loc !== "parameter");
    if (!defaultsCount) return out;
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      const d = deref(doc, v);
      if (d && typeof d === "object" && Object.hasOwn(d, "default")) out.add(k);
    }
    return out;
  },

  /** A constraint the client does not see in its types: tighter breaks a request only. */
  constraint(ctx, tighter, topic, message) {
    if (ctx.ignoreConstraints) return this.emit(ctx, "docs", topic, `${message} (ignored in this direction)`);
    const breaks = ctx.dir === "request" && tighter;
    this.emit(ctx, breaks ? "breaking" : "additive", topic, `${message}${breaks ? " (stricter input)" : ""}`);
  },

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
    // A schema wrapped into a composition (`oneOf: [T, {type: null}]`, `allOf: [T]`) or
    // unwrapped from one: compare T with its member, the other members are added or removed.
    for (const kw of ["oneOf", "anyOf", "allOf"]) {
      const bw = wrapperOf(b, kw);
      const aw = wrapperOf(a, kw);
      const bHas = Array.isArray(deref(this.b, b)?.[kw]);
      const aHas = Array.isArray(deref(this.a, a)?.[kw]);
      // Annotations that moved to the wrapper are not changes of the wrapped schema.
      const moved = (s, w) =>
        isObj(s) && !s.$ref
          ? Object.fromEntries(Object.entries(s).filter(([k, v]) => !(isAnnotationKey(k) && same(v, w[k]))))
          : s;
      if (aw && !bHas) return this.wrapped(kw, [moved(b, a)], a[kw], b, a, ctx);
      if (bw && !aHas) return this.wrapped(kw, b[kw], [moved(a, b)], b, a, ctx);
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
  },

  wrapped(kw, bl, al, b, a, ctx) {
    const ann = (s) => (isObj(s) && !s.$ref ? Object.keys(s).filter(isAnnotationKey) : []);
    const inline = (s) => (isObj(s) && !s.$ref ? s : {});
    for (const k of new Set([...ann(b), ...ann(a)])) {
      if (!same(inline(b)[k], inline(a)[k])) this.emit(ctx, "docs", k, `${k} changed`);
    }
    this.composition(kw, bl, al, ctx);
  },

  schemaBody(B, A, ctx0) {
    if (typeof B !== "object" || typeof A !== "object" || B === null || A === null) {
      // Boolean schemas (3.1): true accepts anything, false nothing.
      if (same(B, A)) return;
      const narrowed = B === true || A === false;
      const widened = A === true || B === false;
      const kind = narrowed === widened ? "breaking" : (ctx0.dir === "request") === narrowed ? "breaking" : "additive";
      this.emit(ctx0, kind, "schema", `schema ${show(B)} → ${show(A)}`);
      return;
    }
    const resp = ctx0.dir !== "request";
    // The server ignores readOnly values it is sent and never sends writeOnly ones.
    const ignored = resp ? B.writeOnly === true || A.writeOnly === true : B.readOnly === true || A.readOnly === true;
    const ctx = ignored ? { ...ctx0, ignoreConstraints: true } : ctx0;
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
      if (Array.isArray(B.items) || Array.isArray(A.items)) this.tuple(B.items, A.items, ctx, "items");
      else this.schema(B.items, A.items, { ...ctx, path: [...ctx.path, "[]"] });
    }
    if (B.prefixItems !== undefined || A.prefixItems !== undefined) this.tuple(B.prefixItems, A.prefixItems, ctx, "prefixItems");
    for (const kw of ["additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems"])
      this.additional(kw, B, A, ctx);
    for (const kw of ["patternProperties", "dependentSchemas"]) this.schemaMap(kw, B[kw], A[kw], { ...ctx, owner: B });
    this.dependentRequired(B.dependentRequired, A.dependentRequired, ctx);
    for (const kw of NARROWING_SUBSCHEMAS) this.subschema(kw, B[kw], A[kw], ctx, false);
    this.subschema("not", B.not, A.not, ctx, true);
    if (!same(B.if, A.if)) {
      // Another condition selects other values for then/else: assume it may reject what passed.
      this.constraint(
        ctx,
        true,
        "keyword:if",
        B.if === undefined ? "`if` added" : A.if === undefined ? "`if` removed" : "`if` changed",
      );
    }
    for (const kw of ["oneOf", "anyOf", "allOf"]) this.composition(kw, B[kw], A[kw], ctx);
    this.defaults(B, A, ctx);
    for (const k of new Set([...Object.keys(B), ...Object.keys(A)])) {
      if (SCHEMA_HANDLED.has(k) || same(B[k], A[k])) continue;
      if (isAnnotationKey(k)) {
        this.emit(ctx, "docs", k, `${k} changed`);
      } else if (TIGHTER_WHEN_LOWER.has(k) || TIGHTER_WHEN_HIGHER.has(k) || TIGHTER_WHEN_ADDED.has(k)) {
        this.constraint(
          ctx,
          isTighter(k, B[k], A[k]),
          `constraint:${k}`,
          `${k} ${show(B[k] ?? "(none)")} → ${show(A[k] ?? "(none)")}`,
        );
      } else {
        this.emit(ctx, "additive", `keyword:${k}`, `\`${k}\` changed`);
      }
    }
    for (const k of ["readOnly", "writeOnly"]) {
      if (same(B[k], A[k])) continue;
      // The server now ignores what the client sends there, or stops sending what it read.
      const gone = A[k] === true && (k === "readOnly" ? !resp : resp);
      const msg = `${k}: ${show(B[k] ?? false)} → ${show(A[k] ?? false)}`;
      this.emit(ctx, gone ? "breaking" : "additive", k, gone ? `${msg} (${resp ? "no longer sent" : "now ignored"})` : msg);
    }
    this.discriminator(B.discriminator, A.discriminator, ctx);
  },

  /** A `default` is what the server assumes when a client leaves the value out: changing or
   *  dropping it changes the behaviour of requests that omit it. In a response it is documentation
   *  (non-optional-ness is judged with `required`). */
  defaults(B, A, ctx) {
    if (same(B.default, A.default)) return;
    const had = Object.hasOwn(B, "default");
    const has = Object.hasOwn(A, "default");
    const msg = `default ${show(had ? B.default : "(none)")} → ${show(has ? A.default : "(none)")}`;
    if (ctx.dir === "request" && had && !ctx.ignoreConstraints)
      this.emit(ctx, "breaking", "default", `${msg}: requests that omit it now behave differently`);
    else this.emit(ctx, "docs", "default", msg);
  },

  /** The discriminator property is a literal in each generated variant; its mapping names them. */
  discriminator(bd, ad, ctx) {
    if (same(bd, ad)) return;
    const c = { ...ctx, path: [...ctx.path, "discriminator"] };
    if (!isObj(bd) || !isObj(ad) || bd.propertyName !== ad.propertyName) {
      return this.emit(c, "breaking", "discriminator", `discriminator ${show(bd ?? "(none)")} → ${show(ad ?? "(none)")}`);
    }
    const bm = bd.mapping ?? {};
    const am = ad.mapping ?? {};
    for (const k of new Set([...Object.keys(bm), ...Object.keys(am)])) {
      if (same(bm[k], am[k])) continue;
      const added = !(k in bm);
      const kind = k in bm && k in am ? "breaking" : added === (ctx.dir !== "request") ? "breaking" : "additive";
      const what = added ? "new" : k in am ? "changed" : "removed";
      this.emit(c, kind, `discriminator:${k}`, `discriminator value ${show(k)} ${what}`);
    }
  },

  /** Positional schemas (`prefixItems`, or 3.0-era `items` arrays). */
  tuple(bl, al, ctx, kw) {
    const B = Array.isArray(bl) ? bl : [];
    const A = Array.isArray(al) ? al : [];
    for (let i = 0; i < Math.max(B.length, A.length); i++) {
      this.schema(B[i], A[i], { ...ctx, path: [...ctx.path, `${kw}[${i}]`] });
    }
  },

  /** Keyed sub-schemas (`patternProperties`, `dependentSchemas`): a new key narrows. */
  schemaMap(kw, bm, am, ctx) {
    if (bm === undefined && am === undefined) return;
    const B = isObj(bm) ? bm : {};
    const A = isObj(am) ? am : {};
    for (const k of new Set([...Object.keys(B), ...Object.keys(A)])) {
      const c = { ...ctx, path: [...ctx.path, `${kw}[${k}]`] };
      if (kw === "patternProperties" && !(k in B) && ctx.dir !== "request" && (bm !== undefined || this.indexed(ctx.owner))) {
        // openapi-typescript turns patternProperties into an index signature: a new pattern widens
        // its value type where the object already had one (or no properties at all).
        this.emit(c, "breaking", "patternProperties", "new pattern property: the index signature of the generated type widens");
        continue;
      }
      this.schema(B[k], A[k], c);
    }
  },

  /** Whether the generated type of schema `s` is an index signature (or `Record<string, never>`). */
  indexed(s) {
    if (!isObj(s)) return false;
    const ap = s.additionalProperties;
    return !s.properties || ap === true || isObj(ap);
  },

  dependentRequired(bm, am, ctx) {
    if (same(bm, am)) return;
    const B = isObj(bm) ? bm : {};
    const A = isObj(am) ? am : {};
    for (const k of new Set([...Object.keys(B), ...Object.keys(A)])) {
      const b = new Set(B[k] ?? []);
      const a = new Set(A[k] ?? []);
      const more = [...a].filter((x) => !b.has(x));
      const fewer = [...b].filter((x) => !a.has(x));
      if (!more.length && !fewer.length) continue;
      const c = { ...ctx, path: [...ctx.path, k] };
      const parts = [
        more.length ? `now requires ${more.join(", ")}` : "",
        fewer.length ? `no longer requires ${fewer.join(", ")}` : "",
      ];
      this.constraint(c, more.length > 0, `dependentRequired:${k}`, `when present, ${parts.filter(Boolean).join("; ")}`);
    }
  },

  /** A restricting sub-schema; `inverted` for `not`, where a wider sub-schema accepts less. */
  subschema(kw, b, a, ctx, inverted) {
    if (b === undefined && a === undefined) return;
    const c = { ...ctx, path: [...ctx.path, kw] };
    if (b === undefined || a === undefined) {
      this.constraint(c, b === undefined, `keyword:${kw}`, `\`${kw}\` ${b === undefined ? "added" : "removed"}`);
      return;
    }
    if (!inverted) return this.schema(b, a, c);
    this.schema(b, a, { ...c, dir: ctx.dir === "request" ? "response" : "request" });
  },

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
  },

  objects(B, A, ctx) {
    const bp = B.properties ?? {};
    const ap = A.properties ?? {};
    if (!B.properties && !A.properties && !B.required && !A.required) return;
    const resp = ctx.dir !== "request";
    const breq = this.effectiveRequired(B, this.b, ctx);
    const areq = this.effectiveRequired(A, this.a, ctx);
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
  },

  /** additionalProperties and its kin: `false` closes the object (or array) to what is not listed. */
  additional(kw, B, A, ctx) {
    const bv = B[kw];
    const av = A[kw];
    if (bv === undefined && av === undefined) return;
    const c = { ...ctx, path: [...ctx.path, kw === "additionalProperties" ? "{*}" : kw] };
    // Walked even when equal: a shared `$ref` here still has to be diffed and credited to its users.
    if (isObj(bv) && isObj(av)) return this.schema(bv, av, c);
    if (same(bv, av)) return;
    const closedNow = av === false || (isObj(av) && !(bv === false));
    const msg = `${kw} ${show(bv ?? "(default)")} → ${show(av ?? "(default)")}`;
    if (kw === "additionalProperties") {
      if (ctx.dir === "request") return this.emit(c, closedNow ? "breaking" : "additive", kw, msg);
      // openapi-typescript types `true` or a schema as an index signature (`unknown` or the
      // schema's type) and an object without properties or one as `Record<string, never>`: a new
      // signature there, or `unknown` where values had a type, is more than old code expects.
      const opens = (bv === undefined || bv === false) && (av === true || isObj(av));
      const widens = (opens && !B.properties) || (isObj(bv) && av === true);
      return this.emit(c, widens ? "breaking" : "additive", kw, msg);
    }
    this.constraint(c, closedNow, kw, msg);
  },

  composition(kw, bl, al, ctx) {
    if (!bl && !al) return;
    const resp = ctx.dir !== "request";
    if (!bl || !al) {
      // A composition next to other keywords intersects with them: added narrows, removed widens.
      const members = (al ?? bl).filter((s) => !annotationOnly(s));
      if (members.length === 0) return this.emit(ctx, "docs", kw, `annotation-only ${kw} ${bl ? "removed" : "added"}`);
      const narrowed = !bl;
      const kind = resp === narrowed ? "additive" : "breaking";
      this.emit(ctx, kind, kw, `${kw} ${bl ? "removed" : "added"}`);
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
    // Pair edited members: first those of the same declared type, then, when as many are left on
    // each side, by position.
    const kindOf = (doc, s) => {
      const d = deref(doc, s);
      const t = isObj(d) ? typeSet(d) : null;
      return t ? [...t].sort().join("|") : isObj(d) && d.properties ? "object" : null;
    };
    for (const i of [...unB]) {
      const t = kindOf(this.b, bl[i]);
      if (!t) continue;
      const matches = unA.filter((j) => kindOf(this.a, al[j]) === t);
      const sameKindB = unB.filter((x) => kindOf(this.b, bl[x]) === t);
      if (matches.length !== 1 || sameKindB.length !== 1) continue;
      const j = matches[0];
      unB.splice(unB.indexOf(i), 1);
      unA.splice(unA.indexOf(j), 1);
      this.schema(bl[i], al[j], { ...ctx, path: [...ctx.path, `${kw}[${j}]`] });
    }
    if (unB.length === unA.length) {
      unB.forEach((i, n) => {
        const j = unA[n];
        this.schema(bl[i], al[j], { ...ctx, path: [...ctx.path, `${kw}[${j}]`] });
      });
      return;
    }
    for (const j of unA) {
      const c = { ...ctx, path: [...ctx.path, `${kw}[${j}]`] };
      if (annotationOnly(al[j])) this.emit(c, "docs", kw, `annotation-only ${kw} member added`);
      else if (kw === "allOf") this.emit(c, resp ? "additive" : "breaking", kw, "new allOf member");
      else {
        const isNull = same(deref(this.a, al[j]), { type: "null" });
        if (resp)
          this.emit(c, "breaking", kw, `${isNull ? "now nullable" : `new ${kw} variant`} in a response: code may not handle it`);
        else this.emit(c, "additive", kw, isNull ? "now accepts null" : `new accepted ${kw} variant`);
      }
    }
    for (const i of unB) {
      const c = { ...ctx, path: [...ctx.path, `${kw}[${i}]`] };
      if (annotationOnly(bl[i])) this.emit(c, "docs", kw, `annotation-only ${kw} member removed`);
      else if (kw === "allOf") this.emit(c, resp ? "breaking" : "additive", kw, "allOf member removed");
      else this.emit(c, resp ? "additive" : "breaking", kw, `${kw} variant removed`);
    }
  },

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
  },

  enqueue(name, dir) {
    if (!this.namedDirs.has(name)) this.namedDirs.set(name, new Set());
    const dirs = this.namedDirs.get(name);
    if (dirs.has(dir)) return;
    dirs.add(dir);
    this.queue.push([name, dir]);
  },

  drainNamed() {
    const bs = this.b.components?.schemas ?? {};
    const as = this.a.components?.schemas ?? {};
    const run = () => {
      while (this.queue.length > 0) {
        const [name, dir] = this.queue.shift();
        if (!(name in bs) || !(name in as)) continue; // reported as removed/added
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
  },
};
