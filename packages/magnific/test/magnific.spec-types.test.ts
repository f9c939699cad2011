import { typecheckWithout } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";

// The mapping's body reader is typed by the route's success response, so a field the mapping
// reads that the spec no longer has must fail the type check in the mapping.
describe("magnific mapping against its spec", () => {
  it("compiles against the spec as it is", async () => {
    const res = await typecheckWithout("magnific", null);
    expect(res.out).toBe("");
    expect(res.status).toBe(0);
  });

  it("fails to compile in magnific-map.ts when the spec drops Run.error_message", async () => {
    const res = await typecheckWithout("magnific", ["Run", "error_message"]);
    expect(res.status).not.toBe(0);
    expect(res.out).toMatch(/magnific-map\.ts\(\d+,\d+\): error TS\d+: .*"error_message"/);
  });
});
