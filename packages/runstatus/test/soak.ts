// A soak of the facade on the simulator: many concurrent waits, every provider, a share of the
// requests turned into faults (5xx, 429 with a Retry-After hint, connection resets). Shared by
// the short soak in the test command and the full one in `pnpm bench` (bench/soak.bench.mjs).
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { onepin } from "@runstatus/onepin";
import { FAULT_HEADER, type SimProvider, scenariosFor, startSimulator } from "@runstatus/simulator";
import { wondercat } from "@runstatus/wondercat";
import { createRunStatus, type RunState } from "runstatus";

const PROVIDERS: readonly SimProvider[] = ["magnific", "onepin", "wondercat", "modelslab"];
const SCENARIOS = ["succeeded", "failed", "partial", "cancelled"] as const;
/** The state each scenario ends in: providers without a partial status fail in their last step instead. */
const ENDS_AS = (p: SimProvider, scenario: (typeof SCENARIOS)[number]): RunState =>
  scenario === "partial" && p !== "magnific" ? "failed" : scenario;
/** The faults injected: a 503, a 429 with `Retry-After: 1`, and a reset connection. */
const FAULTS = ["503", "429=1", "reset"] as const;

export interface SoakOptions {
  waits: number;
  /** Share of requests turned into a fault, 0–1. */
  faultRate: number;
  /** Simulator speed (simulated time ÷ real time). */
  speed: number;
  seed?: number;
}

export interface SoakResult {
  waits: number;
  /** Runs that ended in the state their scenario acts out. */
  correct: number;
  /** Runs that ended otherwise, or whose wait failed: ref, expected, what happened. */
  wrong: { ref: string; expected: RunState; got: string }[];
  requests: number;
  faults: Record<(typeof FAULTS)[number], number>;
  /** From the start of the waits to the end of the last one, ms. */
  wallMs: number;
  /** `Date.now()` when the last wait ended. */
  lastEndAt: number;
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `waits` concurrent waits (spread over the providers and their terminal scenarios) and reports how each ended. */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const sim = await startSimulator({ speed: o.speed });
  const random = rng(o.seed ?? 7);
  const faults = { "503": 0, "429=1": 0, reset: 0 };
  let requests = 0;
  const faulty = async (req: Request): Promise<Response> => {
    requests++;
    if (random() >= o.faultRate) return fetch(req);
    const fault = FAULTS[Math.floor(random() * FAULTS.length)] as (typeof FAULTS)[number];
    faults[fault]++;
    const headers = new Headers(req.headers);
    headers.set(FAULT_HEADER, fault);
    return fetch(new Request(req, { headers }));
  };
  try {
    const opts = (p: SimProvider) => ({ apiKey: sim.keys[p], baseUrl: sim.baseUrls[p], fetch: faulty });
    const rs = createRunStatus({
      providers: [
        magnific(opts("magnific")),
        onepin(opts("onepin")),
        wondercat(opts("wondercat")),
        modelslab({ ...opts("modelslab"), rateLimit: 1e6 }),
      ],
      defaults: { minInterval: 100, maxInterval: 500, timeout: 120_000, maxRetries: 20 },
    });
    const runs = Array.from({ length: o.waits }, (_, i) => {
      const provider = PROVIDERS[i % PROVIDERS.length] as SimProvider;
      const scenarios = SCENARIOS.filter((s) => scenariosFor(provider).includes(s));
      const scenario = scenarios[Math.floor(i / PROVIDERS.length) % scenarios.length] as (typeof SCENARIOS)[number];
      return { expected: ENDS_AS(provider, scenario), ref: sim.createRun({ provider, scenario }).ref };
    });
    const started = performance.now();
    let lastEndAt = 0;
    const wrong: SoakResult["wrong"] = [];
    await Promise.all(
      runs.map(async ({ ref, expected }) => {
        try {
          const run = await rs.wait(ref);
          if (run.state !== expected) wrong.push({ ref, expected, got: run.state });
        } catch (err) {
          wrong.push({ ref, expected, got: String(err) });
        }
        lastEndAt = Date.now();
      }),
    );
    const wallMs = performance.now() - started;
    return { waits: o.waits, correct: o.waits - wrong.length, wrong, requests, faults, wallMs, lastEndAt };
  } finally {
    await sim.close();
  }
}
