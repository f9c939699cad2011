// Kinds of change, their order, the bump each implies, and the order changes are listed in.
import { operationsOf } from "./util.mjs";

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

/** Orders changes: document first, then operations in path order (webhooks after paths), then
 *  schemas in spec order; within a target, breaking before additive before docs, otherwise in
 *  discovery order. */
export function sortChanges(changes, after, before) {
  const order = new Map();
  let i = 0;
  for (const doc of [after, before]) {
    for (const k of operationsOf(doc).keys()) if (!order.has(k)) order.set(k, i++);
    for (const k of operationsOf(doc, "webhooks").keys()) if (!order.has(k)) order.set(k, i++);
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
