import { asset } from "./assets.js";
import { SCENARIO_TARGETS, scenariosFor, TARGETS } from "./catalog.js";
import { SimulatorError } from "./errors.js";
import type { FaultPlan } from "./faults.js";
import { json, matchPath, type Reply } from "./http.js";
import { checkCreateRun, checkFault, isProvider } from "./options.js";
import type { SlidingWindow } from "./rate-limit.js";
import type { SimState } from "./state.js";
import { PROVIDERS, type RequestRecord, type SimProvider } from "./types.js";
import { checkWebhookFault, checkWebhookUrl } from "./webhooks.js";

export interface ControlDeps {
  sim: SimState;
  plan: FaultPlan;
  window: SlidingWindow;
  log: RequestRecord[];
  /** Keys to show; null per provider when the configured keys must stay private. */
  sampleKeys: Record<SimProvider, string | null>;
}

const bad = (message: string) => json(400, { error: message });
const notFound = (message: string) => json(404, { error: message });

/** What the simulator serves, for humans and scripts (`GET /` and `GET /_simulator`). */
export function describe(d: ControlDeps) {
  const baseUrls = Object.fromEntries(PROVIDERS.map((p) => [p, d.sim.baseUrl(p)]));
  return {
    name: "runstatus simulator",
    url: d.sim.url,
    baseUrls,
    keys: d.sampleKeys,
    targets: TARGETS,
    scenarios: Object.fromEntries(PROVIDERS.map((p) => [p, scenariosFor(p)])),
    speed: d.sim.opts.speed,
    control: `${d.sim.url}/_simulator`,
  };
}

type ControlRoute = [method: string, pattern: string, run: (p: Record<string, string>) => Reply];

function routes(d: ControlDeps, query: URLSearchParams, body: unknown): ControlRoute[] {
  const findRun = (p: Record<string, string>) => (isProvider(p.provider) ? d.sim.getRun(p.provider, p.id as string) : undefined);
  return [
    ["GET", "/", () => json(200, describe(d))],
    ["GET", "/health", () => json(200, { ok: true })],
    ["GET", "/targets", () => json(200, { targets: TARGETS, scenarioTargets: SCENARIO_TARGETS })],
    [
      "GET",
      "/runs",
      () => {
        const prov = query.get("provider");
        if (prov !== null && !isProvider(prov)) return bad(`unknown provider ${JSON.stringify(prov)}`);
        const runs = d.sim.listRuns(prov ?? undefined).sort((a, b) => a.seq - b.seq);
        return json(200, { runs: runs.map((r) => d.sim.info(r)) });
      },
    ],
    ["POST", "/runs", () => json(201, d.sim.info(d.sim.createFromControl(checkCreateRun(body))))],
    [
      "GET",
      "/runs/:provider/:id",
      (p) => {
        const run = findRun(p);
        return run ? json(200, d.sim.info(run)) : notFound(`no ${p.provider} run ${JSON.stringify(p.id)}`);
      },
    ],
    [
      "POST",
      "/runs/:provider/:id/cancel",
      (p) => {
        const run = findRun(p);
        if (!run) return notFound(`no ${p.provider} run ${JSON.stringify(p.id)}`);
        const cancelled = run.timeline.cancel(d.sim.now());
        return json(200, { cancelled, run: d.sim.info(run) });
      },
    ],
    ["GET", "/faults", () => json(200, { faults: d.plan.list() })],
    [
      "POST",
      "/faults",
      () => {
        const list = Array.isArray(body) ? body : [body];
        const checked = list.map((f, i) => checkFault(f, Array.isArray(body) ? `fault[${i}]` : "fault"));
        for (const f of checked) d.plan.add(f);
        return json(201, { faults: d.plan.list() });
      },
    ],
    [
      "DELETE",
      "/faults",
      () => {
        d.plan.clear();
        return json(200, { faults: [] });
      },
    ],
    ["GET", "/requests", () => json(200, { requests: d.log })],
    [
      "GET",
      "/webhooks",
      () => {
        const p = d.sim.pusher;
        return json(200, {
          signed: p?.signed ?? false,
          workflows: Object.fromEntries(p?.workflowUrls ?? []),
          faults: p?.faults() ?? [],
          deliveries: p?.deliveries() ?? [],
        });
      },
    ],
    [
      "PUT",
      "/webhooks/modelslab/:workflow",
      (p) => {
        const url = (body as { url?: unknown } | null)?.url;
        if (url === null) d.sim.pusher?.workflowUrls.delete(p.workflow as string);
        else d.sim.pusher?.workflowUrls.set(p.workflow as string, checkWebhookUrl(url, "url"));
        return json(200, { workflow: p.workflow, url: url ?? null });
      },
    ],
    [
      "POST",
      "/webhooks/faults",
      () => {
        const list = Array.isArray(body) ? body : [body];
        for (const [i, f] of list.entries())
          d.sim.pusher?.addFault(checkWebhookFault(f, Array.isArray(body) ? `fault[${i}]` : "fault"));
        return json(201, { faults: d.sim.pusher?.faults() ?? [] });
      },
    ],
    [
      "DELETE",
      "/webhooks/faults",
      () => {
        d.sim.pusher?.clearFaults();
        return json(200, { faults: [] });
      },
    ],
    [
      "POST",
      "/reset",
      () => {
        d.sim.reset();
        d.sim.pusher?.reset();
        d.plan.clear();
        d.window.reset();
        d.log.length = 0;
        return json(200, { ok: true });
      },
    ],
    ["GET", "/assets/:provider/:id/:file", (p) => (findRun(p) ? asset(p.file as string) : null) ?? notFound("no such asset")],
  ];
}

/** `/_simulator/*`: inspect and steer the simulator. Answers JSON `{error}` on bad input. */
export function control(d: ControlDeps, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  const sub = path.slice("/_simulator".length) || "/";
  for (const [m, pattern, run] of routes(d, query, body)) {
    const params = m === method ? matchPath(pattern, sub) : null;
    if (!params) continue;
    try {
      return run(params);
    } catch (e) {
      if (e instanceof SimulatorError) return bad(e.message);
      throw e;
    }
  }
  return notFound(`no control endpoint ${method} ${path}; see GET /_simulator`);
}
