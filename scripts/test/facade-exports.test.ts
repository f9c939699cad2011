// What `runstatus` and its subpaths export: every type of the run model, the poller and the
// errors from the root, and each adapter with its types from its subpath, so a user never needs
// an import from @runstatus/core or @runstatus/<provider> to name a type the facade hands out.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportsOf } from "../check-shape.mjs";

const src = (path: string) => readFileSync(new URL(`../../packages/${path}`, import.meta.url), "utf8");
const names = (path: string) => (exportsOf(src(path)) as { name: string; typeOnly: boolean }[]).map((e) => e.name);

/** Values of @runstatus/core meant for adapter authors and the facade itself, not for its users. */
const FOR_ADAPTERS = [
  "excerptOf",
  "isRetryableStatus",
  "redact",
  "waitAll",
  "waitAny",
  "waitForRun",
  "watchRun",
  "isRunProvider",
  "refForm",
  "makeRun",
  // The poll-delay rules, for schedulers outside this process (the queue's workers).
  "checkBudget",
  "hintFloor",
  "pollDelay",
  "retryDelay",
  "UNKNOWN_PACE_MS",
  "PaceLimits",
];

describe("runstatus exports", () => {
  it("every type and user-facing value of @runstatus/core, from the root", () => {
    const root = new Set(names("runstatus/src/index.ts"));
    const core = (exportsOf(src("core/src/index.ts")) as { name: string; typeOnly: boolean }[]).filter(
      (e) => !FOR_ADAPTERS.includes(e.name) && e.name !== "RunFields",
    );
    expect(core.map((e) => e.name).filter((n) => !root.has(n))).toEqual([]);
  });

  it.each([
    ["magnific", "Magnific", "MAGNIFIC"],
    ["onepin", "OnePin", "ONEPIN"],
    ["wondercat", "Wondercat", "WONDERCAT"],
    ["modelslab", "ModelsLab", "MODELSLAB"],
  ])("runstatus/%s: the adapter, its type, options, start input and key variable", (p, P, KEY) => {
    expect(names(`runstatus/src/${p}.ts`)).toEqual(
      expect.arrayContaining([p, `${P}Adapter`, `${P}AdapterOptions`, `${P}StartInput`, `${KEY}_KEY_ENV`]),
    );
  });
});
