import type { PollOptions, Run } from "@runstatus/core";
import type { AdapterOptions } from "@runstatus/core/adapter";
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { type OnePinAdapterOptions, onepin } from "@runstatus/onepin";
import type { SimProvider, SimulatorHandle } from "@runstatus/simulator";
import { wondercat } from "@runstatus/wondercat";
import { createRunStatus, type RunStatus } from "runstatus";

export const PROVIDERS = ["magnific", "onepin", "wondercat", "modelslab"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Keys the simulator is told to accept (and nothing else), long enough to be found if they leak. */
export const KEYS: Record<Provider, string> = {
  magnific: "mgk_e2e_secret_magnific_0123456789abcdef",
  onepin: "op_live_e2e_secret_onepin_0123456789abcdef",
  wondercat: `sk_${"e2e5ec7e".repeat(8)}`,
  modelslab: "mlk_e2e_secret_modelslab_0123456789abcdef",
};

/** Each provider's reference form, with the simulator's id formats. */
export const REF_FORMS: Record<Provider, RegExp> = {
  magnific: /^magnific:[A-Za-z0-9]{10}$/,
  onepin: /^onepin:[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
  wondercat: /^wondercat:run_[A-Za-z0-9]+$/,
  modelslab: /^modelslab:[0-9a-f-]{36}\/\d+$/,
};

/** Polling fast enough to see every phase of a run that lasts about a second. */
export const FAST: PollOptions = { minInterval: 80, maxInterval: 200 };

export interface FacadeOptions {
  /** Per-provider adapter options on top of the simulator's base URL and key. */
  adapter?: Partial<Record<Exclude<Provider, "onepin">, AdapterOptions>> & { onepin?: OnePinAdapterOptions };
  defaults?: PollOptions;
}

/**
 * The facade with all four adapters pointed at the simulator. ModelsLab's budget is raised from
 * the documented 10 requests per minute: polling a one-second run every 80 ms would otherwise
 * spend it at once and sleep a minute (which is the point of the budget, tested in core).
 */
export function facadeFor(sim: SimulatorHandle, opts: FacadeOptions = {}): RunStatus {
  const base = (p: Provider): AdapterOptions => ({ apiKey: KEYS[p], baseUrl: sim.baseUrls[p], ...opts.adapter?.[p] });
  return createRunStatus({
    providers: [
      magnific(base("magnific")),
      onepin(base("onepin")),
      wondercat(base("wondercat")),
      modelslab({ ...base("modelslab"), rateLimit: 6000 }),
    ],
    defaults: opts.defaults ?? FAST,
  });
}

/** The simulator's record of the provider requests that concern one run (by its id in the path). */
export function requestsFor(sim: SimulatorHandle, provider: SimProvider, runId: string) {
  return sim.requests().filter((r) => r.provider === provider && r.path.split("/").includes(runId));
}

/** The run id (last reference segment). */
export function runIdOf(ref: string): string {
  return ref.split(/[:/]/).at(-1) as string;
}

export async function collect(it: AsyncIterable<Run>): Promise<Run[]> {
  const out: Run[] = [];
  for await (const r of it) out.push(r);
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every key, for leak checks. */
export const ALL_SECRETS: readonly string[] = Object.values(KEYS);

/** Fails when any secret appears in the error's string or JSON forms (message, stack, fields). */
export function expectNoSecret(err: unknown, secrets: readonly string[] = ALL_SECRETS): void {
  const e = err as Error;
  const texts = [String(err), JSON.stringify(err), e?.stack ?? "", e?.message ?? ""];
  for (const s of secrets) {
    for (const t of texts) {
      if (t.includes(s)) throw new Error(`a secret leaked into the error: ${t.slice(0, 300)}`);
    }
  }
}
