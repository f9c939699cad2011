// Helpers shared by the differ's modules: stable comparison, local `$ref` resolution, change records.

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
export const DOC_KEYS = new Set([
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

export const same = (a, b) => stable(a) === stable(b);

export const show = (v) => {
  const s = typeof v === "string" ? JSON.stringify(v) : stable(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

export const isAnnotationKey = (k) => DOC_KEYS.has(k) || k.startsWith("x-");

export function decodePointer(seg) {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function componentSchemaName(s) {
  const ref = s && typeof s === "object" ? s.$ref : undefined;
  const m = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return m ? decodePointer(m[1]) : null;
}

/** Follows local `$ref`s (`#/…`) until a non-reference object; unknown targets stay as they are. */
export function deref(doc, node, seen = new Set()) {
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

export function isSuccess(code) {
  return /^2/.test(String(code));
}

export function change(kind, scope, target, operationId, where, field, topic, message) {
  return { kind, scope, target, operationId: operationId ?? null, where, field, topic, message };
}

/** Operations of `paths` keyed "METHOD /path"; webhooks keyed "METHOD webhook:name". */
export function operationsOf(doc, section = "paths") {
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(doc?.[section] ?? {})) {
    const item = deref(doc, rawItem) ?? {};
    for (const m of METHODS) {
      if (item[m] && typeof item[m] === "object") {
        const key = section === "paths" ? `${m.toUpperCase()} ${path}` : `${m.toUpperCase()} webhook:${path}`;
        ops.set(key, { method: m, path, op: item[m], item });
      }
    }
  }
  return ops;
}

export function describeExamples(b, a, k) {
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
