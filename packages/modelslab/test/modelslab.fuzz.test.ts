import { fuzzStatusBodies, SAMPLE_REFS } from "@runstatus/test-utils";
import { expect, it } from "vitest";
import { modelslab } from "../src/index.js";

const REF = SAMPLE_REFS.modelslab;
const IDS = REF.slice(REF.indexOf(":") + 1).split("/");

it("10,000 generated and mutated status bodies each end in a run or an InvalidResponseError", async () => {
  let answer = "";
  const adapter = modelslab({ apiKey: "fuzz_key_0123456789", fetch: async () => new Response(answer, { status: 200 }) });
  const counts = await fuzzStatusBodies("modelslab", REF, (body) => {
    answer = JSON.stringify(body) ?? "";
    return adapter.get(IDS);
  });
  expect(counts.bodies).toBeGreaterThanOrEqual(10_000);
  // Both outcomes occur: the generator reaches valid runs as well as unreadable bodies.
  expect(counts.runs).toBeGreaterThan(1000);
  expect(counts.invalid).toBeGreaterThan(1000);
}, 60_000);
