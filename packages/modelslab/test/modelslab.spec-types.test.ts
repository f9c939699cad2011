import { typecheckWithout } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";

// The mapping's body reader is typed by the route's success response, so a field the mapping
// reads that the spec no longer has must fail the type check in the mapping.
describe("modelslab mapping against its spec", () => {
  it("compiles against the spec as it is", async () => {
    const res = await typecheckWithout("modelslab", null);
    expect(res.out).toBe("");
    expect(res.status).toBe(0);
  });

  it("fails to compile in modelslab-map.ts when the spec drops Execution.started_at", async () => {
    const res = await typecheckWithout("modelslab", ["Execution", "started_at"]);
    expect(res.status).not.toBe(0);
    expect(res.out).toMatch(/modelslab-map\.ts\(\d+,\d+\): error TS\d+: .*"started_at"/);
  });
});
