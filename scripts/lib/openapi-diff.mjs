// Compares two OpenAPI 3.x documents and classifies every change for a typed client's users:
//   breaking  code built on the old generated types or behaviour may stop compiling or working
//   additive  new capability; existing code keeps working
//   docs      descriptions, summaries, examples, info: nothing a client compiles against
// The direction of a schema decides most rules: a response is read by the client, a request
// (parameters, body) is written by it. Widening what a client reads (a new enum value, a field
// made nullable or optional, a new oneOf variant) is breaking; widening what it may send is
// additive, and the reverse for narrowing. Schemas under components are diffed once each and
// reported under their own name, with the operations that use them.
// The rules live in ./diff/: document, operations (and webhooks), parameters and headers,
// schemas, ranking. Why our own: see CONTRIBUTING.md ("How spec:diff classifies").
import { documentRules } from "./diff/document.mjs";
import { operationRules } from "./diff/operations.mjs";
import { parameterRules } from "./diff/parameters.mjs";
import { KIND_RANK, sortChanges } from "./diff/ranking.mjs";
import { schemaRules } from "./diff/schemas.mjs";
import { change, operationsOf } from "./diff/util.mjs";

export { bumpFor, KIND_RANK, maxKind, summarize } from "./diff/ranking.mjs";
export { stable } from "./diff/util.mjs";

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
  new Differ(before, after, out).run();
  return sortChanges(out, after, before);
}

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
    this.operations();
    this.webhooks();
    this.components();
    this.drainNamed();
  }
}

Object.assign(Differ.prototype, documentRules, operationRules, parameterRules, schemaRules);
