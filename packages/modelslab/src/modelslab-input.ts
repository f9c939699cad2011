import { type StartInput, UsageError } from "@runstatus/core";
import type { BodyReader } from "@runstatus/core/adapter";
import type { ModelsLabWorkflowSchema } from "./modelslab-types.js";

export type InputValue = string | number | boolean;

/** What `start` accepts for ModelsLab: the workflow's parameters by key (typed by its schema unless `inputTyping: "as-is"`). */
export type ModelsLabStartInput = Readonly<Record<string, InputValue>>;

const usage = (message: string): never => {
  throw new UsageError(`modelslab: ${message}`, { provider: "modelslab" });
};

/** Start inputs → the run body, checking that every value is a string, number or boolean (the body is flat). */
export function modelsLabStartBody(input: StartInput): Record<string, InputValue> {
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "string" && typeof value !== "boolean") {
      usage(`input "${key}" must be a string, a finite number or a boolean`);
    }
  }
  return { ...input };
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Types flat `key=value` inputs by the workflow's schema (the body of `GET /{workflow_id}`):
 * strings become numbers only for `number`/`integer` parameters and booleans only for `boolean`
 * ones; everything else is sent as given. Unknown keys and missing required parameters fail
 * here, before a run is spent.
 */
export function typeInputs(
  workflowId: string,
  values: Record<string, InputValue>,
  schema: BodyReader<ModelsLabWorkflowSchema>,
): Record<string, InputValue> {
  const params = new Map(
    schema.list("parameters").map((p) => {
      const required = p.raw.required;
      if (required != null && typeof required !== "boolean") p.fail("required", "is not a boolean");
      return [p.str("key"), { type: p.str("type").toLowerCase(), required }] as const;
    }),
  );
  const fail = (m: string) => usage(`workflow ${workflowId}: ${m}`);
  for (const key in values) {
    if (!params.has(key)) fail(`no parameter "${key}" (its parameters: ${[...params.keys()].join(", ") || "none"})`);
  }
  const missing = [...params].filter(([k, p]) => p.required && !(k in values)).map(([k]) => k);
  if (missing.length > 0) fail(`requires parameter(s) ${missing.join(", ")}`);
  const out: Record<string, InputValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const { type } = params.get(key) as { type: string };
    const bad = (what: string): never => {
      const shown = JSON.stringify(value);
      return fail(`parameter "${key}" must be ${what}, got ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}`);
    };
    let v = value;
    if (type === "number" || type === "integer") {
      v =
        typeof value === "number" ? value : typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : Number.NaN;
      if (!Number.isFinite(v) || (type === "integer" && !Number.isInteger(v)))
        bad(type === "integer" ? "an integer" : "a number");
    } else if (type === "boolean" && typeof value !== "boolean") {
      v = value === "true" || (value === "false" ? false : bad("true or false"));
    }
    out[key] = v;
  }
  return out;
}
