import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { TARGETS } from "./catalog.js";
import { type ControlDeps, control, describe } from "./control.js";
import { SimulatorError } from "./errors.js";
import { FaultPlan, headerFault } from "./faults.js";
import { json, matchPath, type Reply, readBody, type SimRequest } from "./http.js";
import { checkCreateRun, checkFault, isProvider, resolveOptions } from "./options.js";
import { magnific } from "./providers/magnific.js";
import { modelslab } from "./providers/modelslab.js";
import { onepin } from "./providers/onepin.js";
import type { ProviderModule } from "./providers/shared.js";
import { wondercat } from "./providers/wondercat.js";
import { SlidingWindow } from "./rate-limit.js";
import { SimState } from "./state.js";
import {
  type FaultSpec,
  PROVIDERS,
  type RequestRecord,
  type SimProvider,
  type SimulatorHandle,
  type SimulatorOptions,
} from "./types.js";
import { checkWebhookFault, checkWebhookUrl, WebhookPusher } from "./webhooks.js";

const MODULES: Record<SimProvider, ProviderModule> = { magnific, onepin, wondercat, modelslab };
const LOG_LIMIT = 1000;

/** Keys shown when any key is accepted, in each provider's documented shape. */
const SAMPLE_KEYS: Record<SimProvider, string> = {
  magnific: "sim-magnific-key",
  onepin: `op_live_SIMULATOR${"0".repeat(23)}`,
  wondercat: `sk_${"0".repeat(64)}`,
  modelslab: "sim-modelslab-key",
};

/**
 * Starts one HTTP server that acts as the four providers, each under its own prefix
 * (`<url>/magnific`, `<url>/onepin`, `<url>/wondercat`, `<url>/modelslab`), plus a control API
 * under `<url>/_simulator`. Resolves once it listens. Bad options reject with a SimulatorError.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const opts = resolveOptions(options);
  const sim = new SimState(opts);
  const pusher = new WebhookPusher(
    sim,
    options.webhookSecret ?? null,
    (options.webhookFaults ?? []).map((f, i) => checkWebhookFault(f, `webhookFaults[${i}]`)),
  );
  for (const [wf, url] of Object.entries(options.workflowWebhooks ?? {})) {
    pusher.workflowUrls.set(wf, checkWebhookUrl(url, `workflowWebhooks.${wf}`));
  }
  sim.pusher = pusher;
  const plan = new FaultPlan(opts.faults);
  const window = new SlidingWindow();
  const log: RequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const sampleKeys = {} as Record<SimProvider, string | null>;
  const handleKeys = {} as Record<SimProvider, string>;
  for (const p of PROVIDERS) {
    const set = opts.keys[p];
    sampleKeys[p] = set ? null : SAMPLE_KEYS[p];
    handleKeys[p] = set ? ([...set][0] as string) : SAMPLE_KEYS[p];
  }
  const deps: ControlDeps = { sim, plan, window, log, sampleKeys };

  const record = (r: Omit<RequestRecord, "at">) => {
    log.push({ at: new Date(sim.now()).toISOString(), ...r });
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
    opts.log?.(`${r.method} ${r.path} -> ${r.status || "reset"}${r.fault ? ` (${r.fault})` : ""}`);
  };

  const delay = (ms: number) =>
    new Promise<void>((ok) => {
      const t = setTimeout(() => {
        timers.delete(t);
        ok();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = (req.method ?? "GET").toUpperCase();
    const { body, badJson } = await readBody(req);

    if (path === "/" || path === "/_simulator" || path.startsWith("/_simulator/")) {
      const reply =
        path === "/"
          ? json(200, describe(deps))
          : badJson
            ? json(400, { error: "the request body is not valid JSON" })
            : control(deps, method, path, url.searchParams, body);
      send(res, reply);
      // The request log is for provider traffic; control calls only reach the log callback.
      opts.log?.(`${method} ${path} -> ${reply.status}`);
      return;
    }

    const m = /^\/(magnific|onepin|wondercat|modelslab)(\/.*)?$/.exec(path);
    if (!m) {
      const reply = json(404, {
        error: `no provider at ${path}; providers are under /magnific, /onepin, /wondercat and /modelslab`,
      });
      send(res, reply);
      record({ provider: null, route: null, method, path, status: 404, fault: null });
      return;
    }
    const provider = m[1] as SimProvider;
    const sub = m[2] ?? "/";
    const mod = MODULES[provider];
    const reply = (r: Reply, route: string | null, fault: RequestRecord["fault"] = null) => {
      send(res, r);
      record({ provider, route, method, path, status: r.status, fault });
    };

    let route: (typeof mod.routes)[number] | undefined;
    let params: Record<string, string> = {};
    for (const r of mod.routes) {
      const p = r.method === method ? matchPath(r.pattern, sub) : null;
      if (p) {
        route = r;
        params = p;
        break;
      }
    }
    if (!route) return reply(mod.noRoute(sim), null);

    const key = mod.readKey(req.headers);
    const accepted = opts.keys[provider];
    if (key === null || (accepted && !accepted.has(key))) return reply(mod.unauthorized(key === null, sim), route.name);

    let fault: FaultSpec | null;
    try {
      fault = headerFault(req.headers) ?? plan.take(provider, route.name, method, sub);
    } catch (e) {
      if (e instanceof SimulatorError) return reply(mod.invalid(e.message, sim), route.name);
      throw e;
    }
    if (fault?.kind === "429") return reply(mod.tooManyRequests(fault, sim), route.name, "429");
    if (fault?.kind === "5xx") return reply(mod.serverError(fault.status ?? 500, sim), route.name, "5xx");
    if (fault?.kind === "reset") {
      req.socket.destroy();
      record({ provider, route: route.name, method, path, status: 0, fault: "reset" });
      return;
    }
    if (fault?.kind === "slow") await delay(fault.delayMs ?? 1000);

    const rl = opts.modelslabRateLimit;
    const wf = params.wf;
    if (provider === "modelslab" && rl && wf !== undefined) {
      const waitMs = window.hit([key, wf], sim.now(), rl.limit, rl.windowMs);
      if (waitMs > 0) {
        return reply(
          mod.tooManyRequests({ kind: "429", retryAfterSec: Math.ceil(waitMs / 1000) }, sim),
          route.name,
          "rate-limit",
        );
      }
    }

    const simReq: SimRequest = { method, path: sub, query: url.searchParams, headers: req.headers, body, badJson };
    let answer: Reply;
    try {
      answer = route.handle({ sim, req: simReq, params });
    } catch (e) {
      if (!(e instanceof SimulatorError)) throw e;
      answer = mod.invalid(e.message, sim);
    }
    if (fault?.kind === "drop") {
      sendCut(res, answer);
      record({ provider, route: route.name, method, path, status: answer.status, fault: "drop" });
      return;
    }
    reply(answer, route.name, fault?.kind === "slow" ? "slow" : null);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in the simulator, not a planned fault: answer 500 and say so on the log line.
      opts.log?.(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent && !res.destroyed) send(res, json(500, { error: "simulator internal error" }));
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((ok, fail) => {
    const onError = (e: NodeJS.ErrnoException) => {
      fail(
        e.code === "EADDRINUSE"
          ? new SimulatorError("port", `port ${opts.port} on ${opts.host} is already in use`)
          : new SimulatorError("host", `cannot listen on ${opts.host}:${opts.port}: ${e.code ?? e.message}`),
      );
    };
    server.once("error", onError);
    server.listen(opts.port, opts.host, () => {
      server.off("error", onError);
      ok();
    });
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const hostPart = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  sim.url = `http://${hostPart}:${port}`;

  let closing: Promise<void> | null = null;
  const baseUrls = Object.fromEntries(PROVIDERS.map((p) => [p, sim.baseUrl(p)])) as Record<SimProvider, string>;

  return {
    url: sim.url,
    port,
    baseUrls,
    keys: handleKeys,
    targets: TARGETS,
    createRun: (o) => sim.info(sim.createFromControl(checkCreateRun(o))),
    runs: (p) => {
      if (p !== undefined && !isProvider(p)) throw new SimulatorError("provider", `unknown provider ${JSON.stringify(p)}`);
      return sim
        .listRuns(p)
        .sort((a, b) => a.seq - b.seq)
        .map((r) => sim.info(r));
    },
    cancelRun: (p, id) => {
      const run = sim.getRun(p, id);
      return run ? run.timeline.cancel(sim.now()) : false;
    },
    addFault: (f) => plan.add(checkFault(f, "fault")),
    setWorkflowWebhook: (wf, url) => {
      if (url === null) pusher.workflowUrls.delete(wf);
      else pusher.workflowUrls.set(wf, checkWebhookUrl(url, "url"));
    },
    addWebhookFault: (f) => pusher.addFault(checkWebhookFault(f, "fault")),
    clearWebhookFaults: () => pusher.clearFaults(),
    webhookDeliveries: () => pusher.deliveries(),
    clearFaults: () => plan.clear(),
    requests: () => log.slice(),
    reset: () => {
      sim.reset();
      pusher.reset();
      plan.clear();
      window.reset();
      log.length = 0;
    },
    close() {
      closing ??= new Promise<void>((ok) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        pusher.close();
        server.close(() => ok());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, r: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const payload = r.raw ?? Buffer.from(r.body === undefined ? "" : JSON.stringify(r.body));
  // An empty answer has no content type (a JSON type would announce a body that is not there).
  const type = r.raw !== undefined || r.body !== undefined ? { "content-type": r.contentType ?? "application/json" } : {};
  res.writeHead(r.status, { ...type, "content-length": String(payload.length), ...r.headers });
  res.end(payload);
}

/** Announces the whole body, sends half of it, then destroys the socket: a connection dropped mid-response. */
function sendCut(res: ServerResponse, r: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const payload = r.raw ?? Buffer.from(r.body === undefined ? "{}" : JSON.stringify(r.body));
  res.writeHead(r.status, { "content-type": r.contentType ?? "application/json", "content-length": String(payload.length) });
  res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))), () => res.socket?.destroy());
}
