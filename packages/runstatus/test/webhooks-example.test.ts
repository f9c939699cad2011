// The README's webhook server example, run as written against the simulator.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain-JavaScript example without type declarations
import { main } from "../../../examples/webhooks/server.mjs";

describe("examples/webhooks/server.mjs", () => {
  it("receives both providers' pushes and ends both waits", async () => {
    const lines: string[] = [];
    const runs = (await main({ log: (l: string) => lines.push(l) })) as { ref: string; state: string }[];
    expect(runs.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
    expect(lines.some((l) => /^webhook: magnific magnific:\S+ finished -> succeeded \(verified\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^webhook: modelslab modelslab:\S+ workflow\.completed -> succeeded$/.test(l))).toBe(true);
  });
});
