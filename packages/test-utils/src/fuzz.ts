import fc from "fast-check";
import { expect, it } from "vitest";
import { mutated, SAMPLE_REFS, type SpecProvider, statusBodyArbitrary, statusExamples } from "./provider-specs.js";

export { fc };

/**
 * How many bodies the fuzz test of each adapter sends: 10,000 in the test command, more for a long
 * run, e.g. `RUNSTATUS_FUZZ_RUNS=100000 corepack pnpm exec vitest run packages/onepin/test/onepin.fuzz.test.ts`.
 * The seed is fixed, so a run of N bodies sends the first N bodies of any longer run.
 */
export const FUZZ_RUNS = fuzzRuns(process.env.RUNSTATUS_FUZZ_RUNS);

function fuzzRuns(value: string | undefined): number {
  if (value === undefined || value === "") return 10_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100) throw new Error(`RUNSTATUS_FUZZ_RUNS must be an integer of at least 100, got "${value}"`);
  return n;
}

const STATES = new Set(["queued", "running", "paused", "succeeded", "partial", "failed", "cancelled", "unknown"]);

/** The outcome counts of a fuzz run. */
export interface FuzzCounts {
  bodies: number;
  runs: number;
  invalid: number;
}

interface RunLike {
  provider: unknown;
  ref: unknown;
  state: unknown;
  terminal: unknown;
  providerStatus: unknown;
  steps: unknown;
  outputs: unknown;
}

/**
 * Sends `numRuns` status bodies to a provider's adapter through `get(body)` (which answers one
 * request with the body as JSON): bodies generated from the status call's 200 schema or taken
 * from its examples, then mutated (fields missing, null, of the wrong type, huge, extra keys,
 * prototype keys). Each must end in a run of the right shape or an InvalidResponseError; anything
 * else fails the property. Object.prototype must stay clean.
 */
export async function fuzzStatusBodies(
  provider: SpecProvider,
  ref: string,
  get: (body: unknown) => Promise<{ run: unknown }>,
  numRuns = FUZZ_RUNS,
): Promise<FuzzCounts> {
  const examples = Object.values(statusExamples(provider));
  const seeds = fc.oneof(
    { weight: 1, arbitrary: statusBodyArbitrary(provider) },
    { weight: 1, arbitrary: fc.constantFrom(...examples) },
  );
  const bodies = fc.oneof({ weight: 1, arbitrary: seeds }, { weight: 4, arbitrary: mutated(seeds) });
  const counts: FuzzCounts = { bodies: 0, runs: 0, invalid: 0 };
  await fc.assert(
    fc.asyncProperty(bodies, async (body) => {
      counts.bodies++;
      let result: { run: unknown };
      try {
        result = await get(body);
      } catch (err) {
        const e = err as { name?: unknown; kind?: unknown };
        if (e?.name !== "InvalidResponseError" || e.kind !== "invalid_response") {
          throw new Error(`not an InvalidResponseError: ${String(err).slice(0, 300)}`);
        }
        counts.invalid++;
        return;
      }
      const run = result.run as RunLike;
      const ok =
        run.provider === provider &&
        run.ref === ref &&
        typeof run.state === "string" &&
        STATES.has(run.state) &&
        typeof run.terminal === "boolean" &&
        typeof run.providerStatus === "string" &&
        run.providerStatus.length <= 200 &&
        Array.isArray(run.steps) &&
        Array.isArray(run.outputs);
      if (!ok) throw new Error(`malformed run: ${JSON.stringify(run).slice(0, 300)}`);
      if ("polluted" in Object.prototype) throw new Error("Object.prototype was polluted");
      counts.runs++;
    }),
    // Counterexamples may hold 100 KB strings: the report shows the failure, not the body.
    { numRuns, seed: 20260301, reporter: (r) => void (r.failed && fail(r)) },
  );
  return counts;
}

function fail(r: fc.RunDetails<[unknown]>): never {
  const body = JSON.stringify(r.counterexample)?.replace(/(.)\1{40,}/g, (m, c) => `${c}…(${m.length})`);
  throw new Error(
    `fuzz failed after ${r.numRuns} bodies (seed ${r.seed}): ${String(r.errorInstance).slice(0, 500)}\nbody: ${body?.slice(0, 2000)}`,
  );
}

/**
 * The fuzz test of one adapter: FUZZ_RUNS generated and mutated status bodies, each answered to
 * one `get` of the provider's sample reference, each ending in a run or an InvalidResponseError;
 * both outcomes must occur, each for more than a tenth of the bodies. `create` builds the adapter
 * on the fetch it is given.
 */
export function itFuzzesStatusBodies(
  provider: SpecProvider,
  create: (options: { apiKey: string; fetch: typeof fetch }) => { get(ids: string[]): Promise<{ run: unknown }> },
): void {
  const ref = SAMPLE_REFS[provider];
  const ids = ref.slice(ref.indexOf(":") + 1).split("/");
  it(
    `${FUZZ_RUNS.toLocaleString("en")} generated and mutated status bodies each end in a run or an InvalidResponseError`,
    async () => {
      let answer = "";
      const adapter = create({ apiKey: "fuzz_key_0123456789", fetch: async () => new Response(answer, { status: 200 }) });
      const counts = await fuzzStatusBodies(provider, ref, (body) => {
        answer = JSON.stringify(body) ?? "";
        return adapter.get(ids);
      });
      expect(counts.bodies).toBeGreaterThanOrEqual(FUZZ_RUNS);
      // Both outcomes occur: the generator reaches valid runs as well as unreadable bodies.
      expect(counts.runs).toBeGreaterThan(FUZZ_RUNS / 10);
      expect(counts.invalid).toBeGreaterThan(FUZZ_RUNS / 10);
    },
    60_000 + FUZZ_RUNS * 5,
  );
}
