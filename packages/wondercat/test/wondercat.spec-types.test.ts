import { typecheckWithout } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";

// The mapping's body reader is typed by the route's success response, so a field the mapping
// reads that the spec no longer has must fail the type check in the mapping.
describe("wondercat mapping against its spec", () => {
  it("compiles against the spec as it is", async () => {
    const res = await typecheckWithout("wondercat", null);
    expect(res.out).toBe("");
    expect(res.status).toBe(0);
  });

  it("fails to compile in wondercat-map.ts when the spec drops Run.finalOutputs", async () => {
    const res = await typecheckWithout("wondercat", ["Run", "finalOutputs"]);
    expect(res.status).not.toBe(0);
    expect(res.out).toMatch(/wondercat-map\.ts\(\d+,\d+\): error TS\d+: .*"finalOutputs"/);
  });
});
