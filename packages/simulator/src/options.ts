import { scenariosFor } from "./catalog.js";
import { SimulatorError } from "./errors.js";
import { type ResolvedTiming, resolveTiming } from "./timeline.js";
import {
  type CreateRunOptions,
  type FaultKind,
  type FaultSpec,
  PROVIDERS,
  SCENARIOS,
  type ScenarioName,
  type SimProvider,
  type SimulatorOptions,
  type Timing,
} from "./types.js";

export interface ResolvedOptions {
  port: number;
  host: string;
  speed: number;
  defaultScenario: Record<SimProvider, ScenarioName>;
  unknownStatus: string;
  /** null: any non-empty key is accepted. */
  keys: Record<SimProvider, ReadonlySet<string> | null>;
  faults: FaultSpec[];
  modelslabRateLimit: { limit: number; windowMs: number } | null;
  now: () => number;
  log: ((line: string) => void) | null;
  timingFor(scenario: ScenarioName): ResolvedTiming;
}

export const DEFAULT_TIMING: Timing = { queuedMs: 1000, stepMs: 1500, steps: 4 };
const FAULT_KINDS: readonly FaultKind[] = ["429", "5xx", "slow", "drop", "reset"];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

export function isProvider(v: unknown): v is SimProvider {
  return typeof v === "string" && (PROVIDERS as readonly string[]).includes(v);
}

export function isScenario(v: unknown): v is ScenarioName {
  return typeof v === "string" && (SCENARIOS as readonly string[]).includes(v);
}

/** Checks that `provider` can act out `scenario`; throws a SimulatorError naming `where` otherwise. */
export function checkScenario(provider: SimProvider, scenario: unknown, where: string): ScenarioName {
  if (!isScenario(scenario)) {
    throw new SimulatorError(where, `${where}: unknown scenario ${show(scenario)}; expected one of ${SCENARIOS.join(", ")}`);
  }
  if (!scenariosFor(provider).includes(scenario)) {
    throw new SimulatorError(
      where,
      `${where}: scenario "${scenario}" is not available for ${provider} (only OnePin documents pause and resume)`,
    );
  }
  return scenario;
}

function num(v: unknown, where: string, lo: number, hi: number, integer = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
    throw new SimulatorError(
      where,
      `${where} must be ${integer ? "an integer" : "a number"} from ${lo} to ${hi}, got ${show(v)}`,
    );
  }
  return v;
}

function checkTiming(v: unknown, where: string): Partial<Timing> {
  if (v === undefined) return {};
  if (!isObj(v)) throw new SimulatorError(where, `${where} must be an object`);
  const out: Partial<Timing> = {};
  if (v.queuedMs !== undefined) out.queuedMs = num(v.queuedMs, `${where}.queuedMs`, 0, 86_400_000);
  if (v.stepMs !== undefined) out.stepMs = num(v.stepMs, `${where}.stepMs`, 1, 86_400_000);
  if (v.steps !== undefined) out.steps = num(v.steps, `${where}.steps`, 1, 1000, true);
  for (const k of ["failAtStep", "cancelAtStep", "pauseAtStep"] as const) {
    if (v[k] !== undefined) out[k] = num(v[k], `${where}.${k}`, 0, 1000, true);
  }
  for (const k of Object.keys(v)) {
    if (!["queuedMs", "stepMs", "steps", "failAtStep", "cancelAtStep", "pauseAtStep"].includes(k)) {
      throw new SimulatorError(where, `${where}: unknown field ${JSON.stringify(k)}`);
    }
  }
  return out;
}

/** Validates one fault (from options, the control API or a CLI flag). */
export function checkFault(v: unknown, where: string): FaultSpec {
  if (!isObj(v)) throw new SimulatorError(where, `${where} must be an object like { kind: "429", provider: "modelslab" }`);
  if (!FAULT_KINDS.includes(v.kind as FaultKind)) {
    throw new SimulatorError(where, `${where}.kind must be one of ${FAULT_KINDS.join(", ")}, got ${show(v.kind)}`);
  }
  const f: FaultSpec = { kind: v.kind as FaultKind };
  if (v.provider !== undefined) {
    if (!isProvider(v.provider)) {
      throw new SimulatorError(where, `${where}.provider must be one of ${PROVIDERS.join(", ")}, got ${show(v.provider)}`);
    }
    f.provider = v.provider;
  }
  if (v.path !== undefined) {
    if (typeof v.path !== "string" || v.path === "") throw new SimulatorError(where, `${where}.path must be a non-empty string`);
    f.path = v.path;
  }
  if (v.method !== undefined) {
    if (typeof v.method !== "string" || !/^[A-Za-z]+$/.test(v.method)) {
      throw new SimulatorError(where, `${where}.method must be an HTTP method name`);
    }
    f.method = v.method.toUpperCase();
  }
  if (v.nth !== undefined) f.nth = num(v.nth, `${where}.nth`, 1, 1_000_000, true);
  if (v.times !== undefined) f.times = v.times === "always" ? "always" : num(v.times, `${where}.times`, 1, 1_000_000, true);
  if (v.retryAfterSec !== undefined) f.retryAfterSec = num(v.retryAfterSec, `${where}.retryAfterSec`, 0, 86_400);
  if (v.status !== undefined) f.status = num(v.status, `${where}.status`, 500, 599, true);
  if (v.delayMs !== undefined) f.delayMs = num(v.delayMs, `${where}.delayMs`, 0, 600_000);
  if (v.code !== undefined) {
    if (v.code !== "throttled" && v.code !== "rate_limit_exceeded") {
      throw new SimulatorError(where, `${where}.code must be "throttled" or "rate_limit_exceeded"`);
    }
    f.code = v.code;
  }
  return f;
}

function checkKeys(v: unknown): Record<SimProvider, ReadonlySet<string> | null> {
  const out = { magnific: null, onepin: null, wondercat: null, modelslab: null } as Record<
    SimProvider,
    ReadonlySet<string> | null
  >;
  if (v === undefined) return out;
  const list = (x: unknown, where: string): ReadonlySet<string> => {
    if (!Array.isArray(x) || x.length === 0 || x.some((k) => typeof k !== "string" || k.trim() === "")) {
      throw new SimulatorError(where, `${where} must be a non-empty list of non-empty strings`);
    }
    return new Set(x as string[]);
  };
  if (Array.isArray(v)) {
    const set = list(v, "keys");
    for (const p of PROVIDERS) out[p] = set;
    return out;
  }
  if (!isObj(v)) throw new SimulatorError("keys", "keys must be a list of keys or an object of lists per provider");
  for (const [p, x] of Object.entries(v)) {
    if (!isProvider(p)) throw new SimulatorError("keys", `keys: unknown provider ${JSON.stringify(p)}`);
    if (x !== undefined) out[p] = list(x, `keys.${p}`);
  }
  return out;
}

function checkRateLimit(v: unknown): ResolvedOptions["modelslabRateLimit"] {
  if (v === undefined || v === false) return null;
  if (v === true) return { limit: 10, windowMs: 60_000 };
  if (typeof v === "number") return { limit: num(v, "modelslabRateLimit", 1, 1_000_000, true), windowMs: 60_000 };
  if (!isObj(v))
    throw new SimulatorError("modelslabRateLimit", "modelslabRateLimit must be true, a number or { limit, windowMs }");
  return {
    limit: v.limit === undefined ? 10 : num(v.limit, "modelslabRateLimit.limit", 1, 1_000_000, true),
    windowMs: v.windowMs === undefined ? 60_000 : num(v.windowMs, "modelslabRateLimit.windowMs", 1, 86_400_000),
  };
}

/** Validates the options; every problem is a SimulatorError naming the option. */
export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  if (typeof o !== "object" || o === null || Array.isArray(o)) throw new SimulatorError("options", "options must be an object");
  const port = o.port === undefined ? 0 : num(o.port, "port", 0, 65535, true);
  if (o.host !== undefined && (typeof o.host !== "string" || o.host.trim() === "")) {
    throw new SimulatorError("host", "host must be a non-empty string");
  }
  const speed = o.speed === undefined ? 1 : num(o.speed, "speed", 0.001, 1_000_000);
  const slowFactor = o.slowFactor === undefined ? 5 : num(o.slowFactor, "slowFactor", 1, 1000);
  const defaultScenario = {} as Record<SimProvider, ScenarioName>;
  for (const p of PROVIDERS) {
    const s = o.scenario === undefined ? "succeeded" : isObj(o.scenario) ? (o.scenario[p] ?? "succeeded") : o.scenario;
    defaultScenario[p] = checkScenario(p, s, isObj(o.scenario) ? `scenario.${p}` : "scenario");
  }
  if (isObj(o.scenario)) {
    for (const k of Object.keys(o.scenario)) {
      if (!isProvider(k)) throw new SimulatorError("scenario", `scenario: unknown provider ${JSON.stringify(k)}`);
    }
  }
  const base = { ...DEFAULT_TIMING, ...checkTiming(o.timing, "timing") };
  const perScenario: Partial<Record<ScenarioName, Partial<Timing>>> = {};
  if (o.scenarios !== undefined) {
    if (!isObj(o.scenarios)) throw new SimulatorError("scenarios", "scenarios must be an object of timings per scenario");
    for (const [k, v] of Object.entries(o.scenarios)) {
      if (!isScenario(k)) throw new SimulatorError("scenarios", `scenarios: unknown scenario ${JSON.stringify(k)}`);
      perScenario[k] = checkTiming(v, `scenarios.${k}`);
    }
  }
  if (o.unknownStatus !== undefined && (typeof o.unknownStatus !== "string" || o.unknownStatus.trim() === "")) {
    throw new SimulatorError("unknownStatus", "unknownStatus must be a non-empty string");
  }
  if (o.faults !== undefined && !Array.isArray(o.faults)) throw new SimulatorError("faults", "faults must be a list");
  const faults = (o.faults ?? []).map((f, i) => checkFault(f, `faults[${i}]`));
  if (o.now !== undefined && typeof o.now !== "function") throw new SimulatorError("now", "now must be a function");
  if (o.log !== undefined && typeof o.log !== "function") throw new SimulatorError("log", "log must be a function");
  return {
    port,
    host: o.host ?? "127.0.0.1",
    speed,
    defaultScenario,
    unknownStatus: o.unknownStatus ?? "stalled",
    keys: checkKeys(o.keys),
    faults,
    modelslabRateLimit: checkRateLimit(o.modelslabRateLimit),
    now: o.now ?? Date.now,
    log: o.log ?? null,
    timingFor(scenario) {
      const t = { ...base, ...perScenario[scenario] };
      if (scenario === "slow" && perScenario.slow?.queuedMs === undefined) t.queuedMs *= slowFactor;
      if (scenario === "slow" && perScenario.slow?.stepMs === undefined) t.stepMs *= slowFactor;
      return resolveTiming(t);
    },
  };
}

/** Validates a control request to create a run. */
export function checkCreateRun(v: unknown): CreateRunOptions {
  if (!isObj(v)) throw new SimulatorError("run", 'a run needs an object like { "provider": "onepin", "scenario": "failed" }');
  if (!isProvider(v.provider)) {
    throw new SimulatorError("provider", `provider must be one of ${PROVIDERS.join(", ")}, got ${show(v.provider)}`);
  }
  const out: CreateRunOptions = { provider: v.provider };
  if (v.target !== undefined) {
    if (typeof v.target !== "string" || v.target === "") throw new SimulatorError("target", "target must be a non-empty string");
    out.target = v.target;
  }
  if (v.scenario !== undefined) out.scenario = checkScenario(v.provider, v.scenario, "scenario");
  if (v.state !== undefined) {
    if (!["queued", "running", "paused", "terminal"].includes(v.state as string)) {
      throw new SimulatorError("state", `state must be one of queued, running, paused, terminal, got ${show(v.state)}`);
    }
    out.state = v.state as CreateRunOptions["state"];
  }
  if (v.elapsedMs !== undefined) out.elapsedMs = num(v.elapsedMs, "elapsedMs", 0, 86_400_000 * 365);
  return out;
}
