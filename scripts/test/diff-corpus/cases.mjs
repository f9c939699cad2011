// Before/after spec pairs with the verdict a TypeScript client of the generated code gives.
// `by` says how a breaking verdict is shown: "types" (code that compiled against the old types
// fails against the new ones; openapi-diff-corpus.test.ts proves it with tsc) or "behaviour"
// (the types still compile, but the server now rejects or treats differently what worked).
// Every non-breaking case is also compiled, to show the client keeps compiling.
// Request cases carry `value`, a body (or parameters) the old spec accepts; the program passes it
// to both generated types as an object literal.

const info = { title: "corpus", version: "1.0.0" };
const json = (schema) => ({ "application/json": { schema } });
const doc = (paths, components = {}, extra = {}) => ({ openapi: "3.1.0", info, paths, components, ...extra });

/** POST /x whose JSON body is `schema` (written by the client). */
export const req = (schema, components) =>
  doc(
    { "/x": { post: { operationId: "op", requestBody: { required: true, content: json(schema) }, responses: { 204: { description: "ok" } } } } },
    components,
  );
/** GET /x answering `schema` (read by the client). */
export const res = (schema, components) =>
  doc({ "/x": { get: { operationId: "op", responses: { 200: { description: "ok", content: json(schema) } } } } }, components);
/** GET /x with these parameters. */
export const params = (parameters) =>
  doc({ "/x": { get: { operationId: "op", parameters, responses: { 204: { description: "ok" } } } } });
/** GET /x whose 200 has these headers. */
export const headers = (h) =>
  doc({ "/x": { get: { operationId: "op", responses: { 200: { description: "ok", headers: h, content: json({ type: "string" }) } } } } });
/** Webhook `w` whose payload is `schema` (read by the client). */
export const hook = (schema) =>
  doc({}, {}, { webhooks: { w: { post: { operationId: "w", requestBody: { required: true, content: json(schema) }, responses: { 204: { description: "ok" } } } } } });
const secured = (security, scopes = ["read", "write"]) =>
  doc(
    { "/x": { get: { operationId: "op", responses: { 204: { description: "ok" } } } } },
    {
      securitySchemes: {
        key: { type: "apiKey", in: "header", name: "x-key" },
        oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example/token", scopes: Object.fromEntries(scopes.map((s) => [s, s])) } } },
      },
    },
    { security },
  );

const str = { type: "string" };
const obj = (properties, required) => ({ type: "object", properties, ...(required ? { required } : {}) });
const ab = obj({ a: str, b: str });
const T = { T: obj({ id: str }, ["id"]) };
const refT = { $ref: "#/components/schemas/T" };

/** @type {Array<{ id: string, rule: string, dir: "request"|"response"|"document", before: object, after: object, expect: "breaking"|"additive"|"docs", by?: "types"|"behaviour", value?: unknown, at?: "body"|"params", usedBy?: string[] }>} */
export const cases = [
  // 2020-12 keywords: a tightening rejects requests that passed; the client reads responses unchecked.
  { id: "contains-added-req", rule: "contains", dir: "request", before: req({ type: "array", items: str }), after: req({ type: "array", items: str, contains: { const: "x" } }), expect: "breaking", by: "behaviour", value: ["a"] },
  { id: "contains-added-res", rule: "contains", dir: "response", before: res({ type: "array", items: str }), after: res({ type: "array", items: str, contains: { const: "x" } }), expect: "additive" },
  { id: "contains-narrowed-req", rule: "contains", dir: "request", before: req({ type: "array", items: str, contains: str }), after: req({ type: "array", items: str, contains: { type: "string", maxLength: 2 } }), expect: "breaking", by: "behaviour", value: ["abc"] },
  { id: "minContains-raised-req", rule: "minContains", dir: "request", before: req({ type: "array", items: str, contains: str, minContains: 1 }), after: req({ type: "array", items: str, contains: str, minContains: 2 }), expect: "breaking", by: "behaviour", value: ["a"] },
  { id: "minContains-raised-res", rule: "minContains", dir: "response", before: res({ type: "array", items: str, contains: str, minContains: 1 }), after: res({ type: "array", items: str, contains: str, minContains: 2 }), expect: "additive" },
  { id: "dependentRequired-added-req", rule: "dependentRequired", dir: "request", before: req(ab), after: req({ ...ab, dependentRequired: { a: ["b"] } }), expect: "breaking", by: "behaviour", value: { a: "1" } },
  { id: "dependentRequired-removed-req", rule: "dependentRequired", dir: "request", before: req({ ...ab, dependentRequired: { a: ["b"] } }), after: req(ab), expect: "additive", value: { a: "1", b: "2" } },
  { id: "dependentRequired-added-res", rule: "dependentRequired", dir: "response", before: res(ab), after: res({ ...ab, dependentRequired: { a: ["b"] } }), expect: "additive" },
  { id: "dependentSchemas-added-req", rule: "dependentSchemas", dir: "request", before: req(ab), after: req({ ...ab, dependentSchemas: { a: { required: ["b"] } } }), expect: "breaking", by: "behaviour", value: { a: "1" } },
  { id: "dependentSchemas-tightened-req", rule: "dependentSchemas", dir: "request", before: req({ ...ab, dependentSchemas: { a: { properties: { b: str } } } }), after: req({ ...ab, dependentSchemas: { a: { properties: { b: { type: "string", maxLength: 1 } } } } }), expect: "breaking", by: "behaviour", value: { a: "1", b: "22" } },
  { id: "dependentSchemas-added-res", rule: "dependentSchemas", dir: "response", before: res(ab), after: res({ ...ab, dependentSchemas: { a: { required: ["b"] } } }), expect: "additive" },
  { id: "if-then-added-req", rule: "if/then/else", dir: "request", before: req(ab), after: req({ ...ab, if: { required: ["a"] }, then: { required: ["b"] } }), expect: "breaking", by: "behaviour", value: { a: "1" } },
  { id: "if-then-added-res", rule: "if/then/else", dir: "response", before: res(ab), after: res({ ...ab, if: { required: ["a"] }, then: { required: ["b"] } }), expect: "additive" },
  { id: "then-new-required-req", rule: "then", dir: "request", before: req({ ...ab, if: { required: ["a"] }, then: { properties: { b: str } } }), after: req({ ...ab, if: { required: ["a"] }, then: { properties: { b: str }, required: ["b"] } }), expect: "breaking", by: "behaviour", value: { a: "1" } },
  { id: "else-new-required-req", rule: "else", dir: "request", before: req({ ...ab, if: { required: ["a"] }, then: true, else: { properties: { b: str } } }), after: req({ ...ab, if: { required: ["a"] }, then: true, else: { properties: { b: str }, required: ["b"] } }), expect: "breaking", by: "behaviour", value: {} },
  { id: "then-new-required-res", rule: "then", dir: "response", before: res({ ...ab, if: { required: ["a"] }, then: { properties: { b: str } } }), after: res({ ...ab, if: { required: ["a"] }, then: { properties: { b: str }, required: ["b"] } }), expect: "additive" },
  { id: "not-widened-req", rule: "not", dir: "request", before: req({ type: "string", not: { const: "x" } }), after: req({ type: "string", not: { type: "string", maxLength: 3 } }), expect: "breaking", by: "behaviour", value: "ab" },
  { id: "not-added-req", rule: "not", dir: "request", before: req(str), after: req({ type: "string", not: { const: "x" } }), expect: "breaking", by: "behaviour", value: "x" },
  { id: "not-removed-req", rule: "not", dir: "request", before: req({ type: "string", not: { const: "x" } }), after: req(str), expect: "additive", value: "a" },
  { id: "not-added-res", rule: "not", dir: "response", before: res(str), after: res({ type: "string", not: { const: "x" } }), expect: "additive" },
  { id: "prefixItems-type-req", rule: "prefixItems", dir: "request", before: req({ type: "array", prefixItems: [str, { type: "integer" }] }), after: req({ type: "array", prefixItems: [str, str] }), expect: "breaking", by: "types", value: ["a", 1] },
  { id: "prefixItems-type-res", rule: "prefixItems", dir: "response", before: res({ type: "array", prefixItems: [str, { type: "integer" }] }), after: res({ type: "array", prefixItems: [str, str] }), expect: "breaking", by: "types" },
  { id: "prefixItems-maxLength-req", rule: "prefixItems", dir: "request", before: req({ type: "array", prefixItems: [str] }), after: req({ type: "array", prefixItems: [{ type: "string", maxLength: 1 }] }), expect: "breaking", by: "behaviour", value: ["ab"] },
  { id: "propertyNames-added-req", rule: "propertyNames", dir: "request", before: req({ type: "object", additionalProperties: str }), after: req({ type: "object", additionalProperties: str, propertyNames: { maxLength: 2 } }), expect: "breaking", by: "behaviour", value: { abc: "x" } },
  { id: "propertyNames-added-res", rule: "propertyNames", dir: "response", before: res({ type: "object", additionalProperties: str }), after: res({ type: "object", additionalProperties: str, propertyNames: { maxLength: 2 } }), expect: "additive" },
  { id: "unevaluatedProperties-false-req", rule: "unevaluatedProperties", dir: "request", before: req(obj({ a: str })), after: req({ ...obj({ a: str }), unevaluatedProperties: false }), expect: "breaking", by: "behaviour", value: { a: "1" } },
  { id: "unevaluatedProperties-false-res", rule: "unevaluatedProperties", dir: "response", before: res(obj({ a: str })), after: res({ ...obj({ a: str }), unevaluatedProperties: false }), expect: "additive" },
  { id: "unevaluatedItems-false-req", rule: "unevaluatedItems", dir: "request", before: req({ type: "array", prefixItems: [str] }), after: req({ type: "array", prefixItems: [str], unevaluatedItems: false }), expect: "breaking", by: "behaviour", value: ["a"] },
  { id: "patternProperties-added-req", rule: "patternProperties", dir: "request", before: req({ type: "object" }), after: req({ type: "object", patternProperties: { "^x-": { type: "integer" } } }), expect: "breaking", by: "behaviour", value: {} },
  { id: "patternProperties-narrowed-req", rule: "patternProperties", dir: "request", before: req({ type: "object", patternProperties: { "^x-": str } }), after: req({ type: "object", patternProperties: { "^x-": { type: "string", maxLength: 1 } } }), expect: "breaking", by: "behaviour", value: {} },
  { id: "patternProperties-added-res", rule: "patternProperties", dir: "response", before: res(obj({ a: str })), after: res({ ...obj({ a: str }), patternProperties: { "^x-": { type: "integer" } } }), expect: "additive" },
  { id: "patternProperties-widens-index-res", rule: "patternProperties", dir: "response", before: res({ type: "object", additionalProperties: str }), after: res({ type: "object", additionalProperties: str, patternProperties: { "^x-": { type: "integer" } } }), expect: "breaking", by: "types" },
  { id: "patternProperties-on-empty-res", rule: "patternProperties", dir: "response", before: res({ type: "object" }), after: res({ type: "object", patternProperties: { "^x-": { type: "integer" } } }), expect: "breaking", by: "types" },
  { id: "contentSchema-added-req", rule: "contentSchema", dir: "request", before: req({ type: "string", contentMediaType: "application/json" }), after: req({ type: "string", contentMediaType: "application/json", contentSchema: obj({ a: str }, ["a"]) }), expect: "breaking", by: "behaviour", value: "{}" },
  { id: "contentSchema-narrowed-req", rule: "contentSchema", dir: "request", before: req({ type: "string", contentMediaType: "application/json", contentSchema: obj({ a: str }) }), after: req({ type: "string", contentMediaType: "application/json", contentSchema: obj({ a: str }, ["a"]) }), expect: "breaking", by: "behaviour", value: "{}" },
  { id: "contentMediaType-added-req", rule: "contentMediaType", dir: "request", before: req(str), after: req({ type: "string", contentMediaType: "application/json" }), expect: "breaking", by: "behaviour", value: "x" },
  { id: "contentEncoding-added-req", rule: "contentEncoding", dir: "request", before: req(str), after: req({ type: "string", contentEncoding: "base64" }), expect: "breaking", by: "behaviour", value: "%%" },
  { id: "contentEncoding-added-res", rule: "contentEncoding", dir: "response", before: res(str), after: res({ type: "string", contentEncoding: "base64" }), expect: "additive" },

  // Response headers, like parameters.
  { id: "header-made-optional-res", rule: "header required", dir: "response", before: headers({ "X-A": { required: true, schema: str } }), after: headers({ "X-A": { schema: str } }), expect: "breaking", by: "types" },
  { id: "header-made-required-res", rule: "header required", dir: "response", before: headers({ "X-A": { schema: str } }), after: headers({ "X-A": { required: true, schema: str } }), expect: "additive" },
  { id: "header-removed-res", rule: "header removed", dir: "response", before: headers({ "X-A": { required: true, schema: str } }), after: headers({}), expect: "breaking", by: "types" },
  { id: "header-added-res", rule: "header added", dir: "response", before: headers({}), after: headers({ "X-A": { required: true, schema: str } }), expect: "additive" },
  { id: "header-type-res", rule: "header schema", dir: "response", before: headers({ "X-A": { required: true, schema: str } }), after: headers({ "X-A": { required: true, schema: { type: "integer" } } }), expect: "breaking", by: "types" },
  { id: "header-enum-res", rule: "header schema", dir: "response", before: headers({ "X-A": { required: true, schema: { enum: ["a"] } } }), after: headers({ "X-A": { required: true, schema: { enum: ["a", "b"] } } }), expect: "breaking", by: "types" },

  // Parameters (the request counterpart of headers) and their defaults.
  { id: "param-default-changed-req", rule: "parameter default", dir: "request", before: params([{ name: "n", in: "query", schema: { type: "integer", default: 10 } }]), after: params([{ name: "n", in: "query", schema: { type: "integer", default: 50 } }]), expect: "breaking", by: "behaviour", at: "params", value: { query: {} } },
  { id: "param-default-removed-req", rule: "parameter default", dir: "request", before: params([{ name: "n", in: "query", schema: { type: "integer", default: 10 } }]), after: params([{ name: "n", in: "query", schema: { type: "integer" } }]), expect: "breaking", by: "behaviour", at: "params", value: { query: {} } },
  { id: "param-default-added-req", rule: "parameter default", dir: "request", before: params([{ name: "n", in: "query", schema: { type: "integer" } }]), after: params([{ name: "n", in: "query", schema: { type: "integer", default: 10 } }]), expect: "docs", at: "params", value: { query: {} } },
  { id: "param-made-required-req", rule: "parameter required", dir: "request", before: params([{ name: "n", in: "query", schema: str }]), after: params([{ name: "n", in: "query", required: true, schema: str }]), expect: "breaking", by: "types", at: "params", value: { query: {} } },
  { id: "param-removed-req", rule: "parameter removed", dir: "request", before: params([{ name: "n", in: "query", schema: str }]), after: params([]), expect: "breaking", by: "types", at: "params", value: { query: { n: "x" } } },
  { id: "param-maxLength-req", rule: "parameter constraint", dir: "request", before: params([{ name: "n", in: "query", schema: str }]), after: params([{ name: "n", in: "query", schema: { type: "string", maxLength: 1 } }]), expect: "breaking", by: "behaviour", at: "params", value: { query: { n: "xy" } } },
  { id: "body-default-changed-req", rule: "request default", dir: "request", before: req(obj({ n: { type: "integer", default: 1 } })), after: req(obj({ n: { type: "integer", default: 2 } })), expect: "breaking", by: "behaviour", value: {} },

  // Webhooks: the client reads the payload.
  { id: "webhook-field-removed", rule: "webhook", dir: "response", before: hook(obj({ a: str, b: str }, ["a", "b"])), after: hook(obj({ a: str }, ["a"])), expect: "breaking", by: "types" },
  { id: "webhook-enum-added", rule: "webhook", dir: "response", before: hook({ enum: ["a"] }), after: hook({ enum: ["a", "b"] }), expect: "breaking", by: "types" },
  { id: "webhook-new-required-field", rule: "webhook", dir: "response", before: hook(obj({ a: str }, ["a"])), after: hook(obj({ a: str, b: str }, ["a", "b"])), expect: "additive" },
  { id: "webhook-made-optional", rule: "webhook", dir: "response", before: hook(obj({ a: str }, ["a"])), after: hook(obj({ a: str })), expect: "breaking", by: "types" },
  { id: "webhook-narrowed", rule: "webhook", dir: "response", before: hook({ type: ["string", "null"] }), after: hook(str), expect: "additive" },

  // A schema shared through additionalProperties keeps its users.
  { id: "additional-ref-usedby-res", rule: "same $ref", dir: "response", before: res({ type: "object", additionalProperties: refT }, { schemas: { T: obj({ id: str, x: str }, ["id", "x"]) } }), after: res({ type: "object", additionalProperties: refT }, { schemas: { T: obj({ id: str }, ["id"]) } }), expect: "breaking", by: "types", usedBy: ["GET /x"] },
  { id: "additional-ref-usedby-req", rule: "same $ref", dir: "request", before: req({ type: "object", additionalProperties: refT }, { schemas: T }), after: req({ type: "object", additionalProperties: refT }, { schemas: { T: obj({ id: str, y: str }, ["id", "y"]) } }), expect: "breaking", by: "types", value: { k: { id: "1" } }, usedBy: ["POST /x"] },

  // Nullable written as a composition: only the nullability is judged.
  { id: "oneOf-null-wrap-ref-req", rule: "nullable oneOf", dir: "request", before: req(obj({ t: refT }, ["t"]), { schemas: T }), after: req(obj({ t: { oneOf: [refT, { type: "null" }] } }, ["t"]), { schemas: T }), expect: "additive", value: { t: { id: "1" } } },
  { id: "oneOf-null-wrap-ref-res", rule: "nullable oneOf", dir: "response", before: res(obj({ t: refT }, ["t"]), { schemas: T }), after: res(obj({ t: { oneOf: [refT, { type: "null" }] } }, ["t"]), { schemas: T }), expect: "breaking", by: "types" },
  { id: "oneOf-null-wrap-inline-req", rule: "nullable oneOf", dir: "request", before: req(obj({ t: obj({ id: str }, ["id"]) }, ["t"])), after: req(obj({ t: { oneOf: [obj({ id: str }, ["id"]), { type: "null" }] } }, ["t"])), expect: "additive", value: { t: { id: "1" } } },
  { id: "oneOf-null-unwrap-res", rule: "nullable oneOf", dir: "response", before: res(obj({ t: { oneOf: [refT, { type: "null" }] } }, ["t"]), { schemas: T }), after: res(obj({ t: refT }, ["t"]), { schemas: T }), expect: "additive" },
  { id: "anyOf-wrap-variant-req", rule: "oneOf around a schema", dir: "request", before: req(str), after: req({ anyOf: [str, { type: "integer" }] }), expect: "additive", value: "a" },
  { id: "anyOf-wrap-variant-res", rule: "oneOf around a schema", dir: "response", before: res(str), after: res({ anyOf: [str, { type: "integer" }] }), expect: "breaking", by: "types" },

  // Annotation-only allOf.
  { id: "allOf-annotation-wrap-req", rule: "annotation allOf", dir: "request", before: req(obj({ t: refT }, ["t"]), { schemas: T }), after: req(obj({ t: { allOf: [refT], description: "the t" } }, ["t"]), { schemas: T }), expect: "docs", value: { t: { id: "1" } } },
  { id: "allOf-annotation-wrap-res", rule: "annotation allOf", dir: "response", before: res(obj({ t: refT }, ["t"]), { schemas: T }), after: res(obj({ t: { allOf: [refT, { description: "the t" }] } }, ["t"]), { schemas: T }), expect: "docs" },
  { id: "allOf-member-added-req", rule: "allOf", dir: "request", before: req({ allOf: [refT] }, { schemas: T }), after: req({ allOf: [refT, obj({ n: str }, ["n"])] }, { schemas: T }), expect: "breaking", by: "types", value: { id: "1" } },

  // Defaults and non-optional fields.
  { id: "default-inline-body-req", rule: "default inline body", dir: "request", before: req(obj({ n: { type: "integer" } })), after: req(obj({ n: { type: "integer", default: 1 } })), expect: "docs", value: {} },
  { id: "default-component-req", rule: "default component", dir: "request", before: req(refT, { schemas: { T: obj({ id: str, n: { type: "integer" } }, ["id"]) } }), after: req(refT, { schemas: { T: obj({ id: str, n: { type: "integer", default: 1 } }, ["id"]) } }), expect: "breaking", by: "types", value: { id: "1" } },
  { id: "default-removed-res", rule: "default response", dir: "response", before: res(obj({ n: { type: "integer", default: 1 } })), after: res(obj({ n: { type: "integer" } })), expect: "breaking", by: "types" },

  // Patterns.
  { id: "pattern-dotstar-req", rule: "pattern", dir: "request", before: req({ type: "string", pattern: "^[a-z]+$" }), after: req({ type: "string", pattern: ".*" }), expect: "additive", value: "a" },
  { id: "pattern-empty-req", rule: "pattern", dir: "request", before: req({ type: "string", pattern: "^[a-z]+$" }), after: req({ type: "string", pattern: "" }), expect: "additive", value: "a" },
  { id: "pattern-unanchored-req", rule: "pattern", dir: "request", before: req({ type: "string", pattern: "^[a-z]+$" }), after: req({ type: "string", pattern: "[a-z]+" }), expect: "additive", value: "a" },
  { id: "pattern-added-req", rule: "pattern", dir: "request", before: req(str), after: req({ type: "string", pattern: "^[a-z]+$" }), expect: "breaking", by: "behaviour", value: "A" },
  { id: "pattern-changed-res", rule: "pattern", dir: "response", before: res(str), after: res({ type: "string", pattern: "^[a-z]+$" }), expect: "additive" },

  // readOnly in requests and writeOnly in responses are not validated in that direction.
  { id: "readOnly-constraint-req", rule: "readOnly", dir: "request", before: req(obj({ id: { type: "string", readOnly: true }, n: str })), after: req(obj({ id: { type: "string", readOnly: true, maxLength: 2 }, n: str })), expect: "docs", value: { n: "x" } },
  { id: "writeOnly-constraint-res", rule: "writeOnly", dir: "response", before: res(obj({ pw: { type: "string", writeOnly: true } })), after: res(obj({ pw: { type: "string", writeOnly: true, minLength: 8 } })), expect: "docs" },
  { id: "plain-constraint-req", rule: "constraint", dir: "request", before: req(obj({ n: str })), after: req(obj({ n: { type: "string", maxLength: 2 } })), expect: "breaking", by: "behaviour", value: { n: "xyz" } },

  // Loosened response constraints: reported, not breaking (no type carries them).
  { id: "maxLength-removed-res", rule: "loosened response constraint", dir: "response", before: res({ type: "string", maxLength: 5 }), after: res(str), expect: "additive" },
  { id: "minItems-removed-res", rule: "loosened response constraint", dir: "response", before: res({ type: "array", items: str, minItems: 1 }), after: res({ type: "array", items: str }), expect: "additive" },
  { id: "maxLength-removed-req", rule: "loosened request constraint", dir: "request", before: req({ type: "string", maxLength: 5 }), after: req(str), expect: "additive", value: "a" },

  // Security.
  { id: "security-removed", rule: "security", dir: "document", before: secured([{ key: [] }]), after: secured([]), expect: "additive" },
  { id: "security-scope-removed", rule: "security", dir: "document", before: secured([{ oauth: ["read", "write"] }]), after: secured([{ oauth: ["read"] }]), expect: "additive" },
  { id: "security-scheme-dropped-from-and", rule: "security", dir: "document", before: secured([{ key: [], oauth: ["read"] }]), after: secured([{ key: [] }]), expect: "additive" },
  { id: "security-alternative-added", rule: "security", dir: "document", before: secured([{ key: [] }]), after: secured([{ key: [] }, { oauth: ["read"] }]), expect: "additive" },
  { id: "security-added", rule: "security", dir: "document", before: secured([]), after: secured([{ key: [] }]), expect: "breaking", by: "behaviour" },
  { id: "security-scope-added", rule: "security", dir: "document", before: secured([{ oauth: ["read"] }]), after: secured([{ oauth: ["read", "write"] }]), expect: "breaking", by: "behaviour" },
  { id: "security-alternative-removed", rule: "security", dir: "document", before: secured([{ key: [] }, { oauth: ["read"] }]), after: secured([{ key: [] }]), expect: "breaking", by: "behaviour" },

  // The 3.0-era basics, for reference.
  { id: "enum-added-res", rule: "enum", dir: "response", before: res({ enum: ["a"] }), after: res({ enum: ["a", "b"] }), expect: "breaking", by: "types" },
  { id: "enum-added-req", rule: "enum", dir: "request", before: req({ enum: ["a"] }), after: req({ enum: ["a", "b"] }), expect: "additive", value: "a" },
  { id: "field-removed-req", rule: "field removed", dir: "request", before: req(obj({ a: str, b: str })), after: req(obj({ a: str })), expect: "breaking", by: "types", value: { a: "1", b: "2" } },
  { id: "required-field-added-req", rule: "required field", dir: "request", before: req(obj({ a: str })), after: req(obj({ a: str, b: str }, ["b"])), expect: "breaking", by: "types", value: { a: "1" } },
  { id: "nullable-30-res", rule: "nullable", dir: "response", before: res(obj({ a: str }, ["a"])), after: res(obj({ a: { type: ["string", "null"] } }, ["a"])), expect: "breaking", by: "types" },
  { id: "oneOf-variant-removed-res", rule: "oneOf", dir: "response", before: res({ oneOf: [str, { type: "integer" }] }), after: res({ oneOf: [str] }), expect: "additive" },
  { id: "oneOf-variant-removed-req", rule: "oneOf", dir: "request", before: req({ oneOf: [str, { type: "integer" }] }), after: req({ oneOf: [str] }), expect: "breaking", by: "types", value: 1 },
];
