import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "yaml";
import { specPath } from "./paths.js";

export type SpecProvider = "magnific" | "onepin" | "wondercat" | "modelslab";
export const SPEC_PROVIDERS: readonly SpecProvider[] = ["magnific", "onepin", "wondercat", "modelslab"];

/** Each provider's status call, as its spec names the path. */
export const STATUS_PATHS: Record<SpecProvider, string> = {
  magnific: "/v1/ai/apps/runs/{run-id}",
  onepin: "/api/v1/workflows/{workflow_id}/runs/{run_id}/status",
  wondercat: "/runs/{runId}",
  modelslab: "/{workflow_id}/runs/{execution_id}",
};

/** A reference of each provider whose status path the tests answer. */
export const SAMPLE_REFS: Record<SpecProvider, string> = {
  magnific: "magnific:omps2OH829",
  onepin: "onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6",
  wondercat: "wondercat:run_abc123",
  modelslab: "modelslab:0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80/12345",
};

type Schema = Record<string, unknown>;
interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<
          string,
          { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> }
        >;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const specs = new Map<SpecProvider, Spec>();
function specOf(provider: SpecProvider): Spec {
  let s = specs.get(provider);
  if (!s) {
    s = parse(readFileSync(specPath(provider), "utf8")) as Spec;
    specs.set(provider, s);
  }
  return s;
}

function statusContent(provider: SpecProvider) {
  const c = specOf(provider).paths[STATUS_PATHS[provider]]?.get?.responses["200"]?.content?.["application/json"];
  if (!c) throw new Error(`${provider}: no 200 JSON answer on ${STATUS_PATHS[provider]}`);
  return c;
}

/** The spec's named examples of the status call's 200 answer (fresh copies). */
export function statusExamples(provider: SpecProvider): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const named = (specOf(provider).components as { examples?: Record<string, { value: unknown }> } | undefined)?.examples ?? {};
  for (const [name, e] of Object.entries(statusContent(provider).examples ?? {})) {
    const ref = (e as { $ref?: string }).$ref;
    const value = ref ? named[ref.split("/").pop() as string]?.value : e.value;
    if (value === undefined) throw new Error(`${provider}: status example ${name} has no value`);
    out[name] = structuredClone(value);
  }
  return out;
}

/**
 * A fast-check arbitrary of bodies shaped by the status call's 200 schema: objects with their
 * properties (required ones always, others sometimes), enums, strings, numbers, arrays, nulls
 * where the type allows them, following `$ref`, `allOf`, `oneOf` and `anyOf`.
 */
export function statusBodyArbitrary(provider: SpecProvider): fc.Arbitrary<unknown> {
  const spec = specOf(provider);
  const resolve = (s: Schema): Schema => {
    const ref = s.$ref;
    if (typeof ref === "string") return resolve(spec.components?.schemas?.[ref.split("/").pop() as string] ?? {});
    return s;
  };
  const arb = (raw: Schema, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(raw);
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    if ("const" in s) return fc.constant(s.const);
    for (const k of ["oneOf", "anyOf"]) {
      if (Array.isArray(s[k])) return fc.oneof(...(s[k] as Schema[]).map((x) => arb(x, depth)));
    }
    if (Array.isArray(s.allOf)) {
      const parts = (s.allOf as Schema[]).map(resolve);
      const merged: Schema = { type: "object", properties: {}, required: [] };
      for (const p of parts) {
        Object.assign(merged.properties as object, p.properties ?? {});
        (merged.required as string[]).push(...((p.required as string[]) ?? []));
      }
      return arb(merged, depth);
    }
    const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : ["object"];
    return fc.oneof(...types.map((t) => byType(t, s, depth)));
  };
  const byType = (t: string, s: Schema, depth: number): fc.Arbitrary<unknown> => {
    switch (t) {
      case "null":
        return fc.constant(null);
      case "string":
        return s.format === "date-time"
          ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
          : fc.string({ maxLength: 40 });
      case "integer":
        return fc.integer({ min: 0, max: 10_000 });
      case "number":
        return fc.double({ min: 0, max: 10_000, noNaN: true });
      case "boolean":
        return fc.boolean();
      case "array":
        return depth > 4 ? fc.constant([]) : fc.array(arb((s.items as Schema) ?? {}, depth + 1), { maxLength: 3 });
      default: {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        if (depth > 5 || Object.keys(props).length === 0)
          return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 });
        const required = new Set((s.required as string[]) ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) record[k] = arb(v, depth + 1);
        return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      }
    }
  };
  return arb(statusContent(provider).schema ?? {}, 0);
}

/** A hostile value put in place of a field: missing, null, a wrong type, a huge string, a prototype key. */
const hostileValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string(),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant("x".repeat(20_000)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  fc.constant("\u001b]0;title\u0007\u001b[2J"),
);

/** Every path to a value inside `v` (as key lists), the body itself included. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) pathsOf(x, [...at, i], out);
  else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

/** `body` with a few of its values replaced by hostile ones, or deleted, or joined by extra keys. */
export function mutated(body: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return body.chain((b) => {
    const paths = pathsOf(b);
    return fc
      .array(fc.tuple(fc.nat({ max: paths.length - 1 }), hostileValue, fc.constantFrom("replace", "delete", "extra")), {
        maxLength: 4,
      })
      .map((edits) => {
        let out = structuredClone(b);
        for (const [i, hostile, how] of edits) {
          let value = hostile;
          const path = paths[i] as (string | number)[];
          if (path.length === 0) {
            if (how === "replace") out = hostile === undefined ? undefined : JSON.parse(JSON.stringify(hostile));
            continue;
          }
          let parent: unknown = out;
          for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[k];
          if (typeof parent !== "object" || parent === null) continue;
          const last = path[path.length - 1] as string | number;
          // A fresh copy each time: a shared constant edited twice would make the body circular.
          value = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
          const p = parent as Record<string | number, unknown>;
          if (how === "delete") delete p[last];
          else if (how === "extra") p[`extra_${String(last)}`] = value;
          else p[last] = value;
        }
        return out;
      });
  });
}
