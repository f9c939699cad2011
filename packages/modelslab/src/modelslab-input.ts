import { type Reader, type StartInput, UsageError } from "@runstatus/core";

export type InputValue = string | number | boolean;

export interface WorkflowParameterType {
  key: string;
  type: string;
  required: boolean;
}

/** The parts of `GET /{workflow_id}` that `start` and the budget need. */
export interface WorkflowFacts {
  parameters: WorkflowParameterType[];
  /** Requests per minute, or null when the schema does not carry a usable value. */
  rateLimit: number | null;
}

export function readWorkflowFacts(r: Reader, body: unknown): WorkflowFacts {
  const root = r.obj(body, "body");
  const workflow = r.optObj(root.workflow, "workflow");
  const limit = workflow ? r.optNum(workflow.rate_limit, "workflow.rate_limit") : null;
  const parameters = r.arr(root.parameters, "parameters").map((raw, i) => {
    const p = r.obj(raw, `parameters[${i}]`);
    const required = p.required;
    if (required !== undefined && required !== null && typeof required !== "boolean") {
      r.fail(`parameters[${i}].required`, "is not a boolean");
    }
    return {
      key: r.str(p.key, `parameters[${i}].key`),
      type: r.str(p.type, `parameters[${i}].type`),
      required: required === true,
    };
  });
  return { parameters, rateLimit: limit !== null && limit > 0 ? limit : null };
}

/** Checks that every input value is a string, number or boolean (the run body is flat). */
export function checkInputValues(input: StartInput): Record<string, InputValue> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new UsageError("modelslab: start input must be an object of parameter values", { provider: "modelslab" });
  }
  const out: Record<string, InputValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "string" && typeof value !== "boolean") {
      throw new UsageError(`modelslab: input "${key}" must be a string, a finite number or a boolean`, { provider: "modelslab" });
    }
    out[key] = value;
  }
  return out;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Types flat `key=value` inputs by the workflow's schema: strings become numbers only for
 * `number`/`integer` parameters and booleans only for `boolean` ones; everything else is sent
 * as given. Unknown keys and missing required parameters fail here, before a run is spent.
 */
export function typeInputs(
  workflowId: string,
  input: StartInput,
  parameters: readonly WorkflowParameterType[],
): Record<string, InputValue> {
  const values = checkInputValues(input);
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const fail = (msg: string): never => {
    throw new UsageError(`modelslab: ${msg}`, { provider: "modelslab" });
  };
  const known = parameters.map((p) => p.key).join(", ") || "none";
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) fail(`workflow ${workflowId} has no parameter "${key}" (its parameters: ${known})`);
  }
  const missing = parameters.filter((p) => p.required && !(p.key in values)).map((p) => p.key);
  if (missing.length > 0) fail(`workflow ${workflowId} requires parameter(s) ${missing.join(", ")}`);
  const out: Record<string, InputValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const type = (byKey.get(key) as WorkflowParameterType).type.toLowerCase();
    out[key] = coerce(workflowId, key, type, value, fail);
  }
  return out;
}

function coerce(workflowId: string, key: string, type: string, value: InputValue, fail: (m: string) => never): InputValue {
  if (type === "number" || type === "integer") {
    const n =
      typeof value === "number" ? value : typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n))) {
      fail(
        `parameter "${key}" of workflow ${workflowId} must be ${type === "integer" ? "an integer" : "a number"}, got ${show(value)}`,
      );
    }
    return n;
  }
  if (type === "boolean") {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    return fail(`parameter "${key}" of workflow ${workflowId} must be true or false, got ${show(value)}`);
  }
  return value;
}

function show(value: InputValue): string {
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
