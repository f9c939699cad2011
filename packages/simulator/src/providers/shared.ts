import type { IncomingHttpHeaders } from "node:http";
import { findTarget, isFinalStep, type OutputTemplate, stepTemplate, type TargetInfo } from "../catalog.js";
import { header, type Reply, type SimRequest } from "../http.js";
import { checkScenario } from "../options.js";
import type { SimState } from "../state.js";
import type { Snapshot } from "../timeline.js";
import type { FaultSpec, ScenarioName, SimProvider } from "../types.js";

export interface HandlerContext {
  sim: SimState;
  req: SimRequest;
  params: Record<string, string>;
}

export interface Route {
  method: "GET" | "POST";
  /** Path after the provider prefix, with `:name` segments. */
  pattern: string;
  /** Route name used by fault plans and the request log. */
  name: string;
  handle(ctx: HandlerContext): Reply;
}

/** Everything the server needs to act as one provider. */
export interface ProviderModule {
  provider: SimProvider;
  /** Matched in order: literal segments before parameters where both could match. */
  routes: readonly Route[];
  /** The API key as the provider documents its transport; null when absent. */
  readKey(headers: IncomingHttpHeaders): string | null;
  unauthorized(missing: boolean, sim: SimState): Reply;
  /** No such path (Prism answers these itself; direct callers get the provider's 404 body). */
  noRoute(sim: SimState): Reply;
  /** 429 with the provider's documented (or assumed) hint. */
  tooManyRequests(fault: FaultSpec, sim: SimState): Reply;
  serverError(status: number, sim: SimState): Reply;
  /** A request the simulator refuses (e.g. a bad scenario header): the provider's validation error. */
  invalid(message: string, sim: SimState): Reply;
}

export const SCENARIO_HEADER = "x-simulator-scenario";

/**
 * The scenario a start request asks for: the `x-simulator-scenario` header, if any. Throws a
 * SimulatorError (answered as the provider's validation error) for a name the provider cannot act out.
 */
export function requestedScenario(provider: SimProvider, req: SimRequest): ScenarioName | undefined {
  const h = header(req.headers, SCENARIO_HEADER);
  if (h === null || h.trim() === "") return undefined;
  return checkScenario(provider, h.trim(), `header ${SCENARIO_HEADER}`);
}

export function target(provider: SimProvider, id: string): TargetInfo | null {
  return findTarget(provider, id);
}

/** One produced file of a finished step. */
export interface ProducedOutput {
  step: number;
  stepName: string;
  template: OutputTemplate;
  /** File name under the run's asset folder. */
  file: string;
  completedAt: number;
}

/** Files produced by finished steps; `finalOnly` keeps the final results (leaf steps). */
export function producedOutputs(provider: SimProvider, snap: Snapshot, finalOnly: boolean): ProducedOutput[] {
  const out: ProducedOutput[] = [];
  snap.steps.forEach((s, i) => {
    const t = stepTemplate(provider, i);
    if (s.state !== "done" || !t.output || s.completedAt === null) return;
    if (finalOnly && !isFinalStep(provider, i, snap.steps.length)) return;
    const slug = t.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    out.push({ step: i, stepName: t.name, template: t.output, file: `${slug}.${t.output.ext}`, completedAt: s.completedAt });
  });
  return out;
}

/** Name of the step a failed (or partial) run failed in. */
export function failedStepName(provider: SimProvider, snap: Snapshot): string {
  const i = snap.steps.findIndex((s) => s.state === "failed");
  return stepTemplate(provider, Math.max(0, i)).name;
}
