import { makeRun, type PollEvent, type Progress, type RunState } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { bar, layout, liveLines, plainLine, RunView, shortRef } from "./display.js";

const REFS = [
  "magnific:KbiGiJRSSA",
  "onepin:0e1a0000-0000-4000-8000-000000000001/1c95da04-5fd2-423b-b107-4829b8e4a4cc",
  "wondercat:run_ObGZZE61McvpnSBO",
  "modelslab:3a1b0000-0000-4000-8000-000000000001/10001",
];

const base = (ref: string, at: number) => ({ ref, provider: ref.slice(0, ref.indexOf(":")), at });

function answer(v: RunView, at: number, state: RunState, progress: Progress | null = null): void {
  const [provider, id] = v.ref.split(":") as [string, string];
  const run = makeRun({ provider, ids: id.split("/"), state, providerStatus: state, progress });
  v.onEvent({ ...base(v.ref, at), type: "answer", run, changed: true, durationMs: 5 });
}

function retry(v: RunView, at: number, extra: Partial<Extract<PollEvent, { type: "retry" }>> = {}): string | null {
  return v.onEvent({
    ...base(v.ref, at),
    type: "retry",
    cause: { kind: "api", status: 503, code: null, errno: null },
    attempt: 1,
    maxRetries: 6,
    delayMs: 4000,
    hintMs: null,
    ...extra,
  });
}

describe("shortRef", () => {
  it("keeps short refs whole", () => {
    expect(shortRef("magnific:KbiGiJRSSA", 30)).toBe("magnific:KbiGiJRSSA");
  });

  it.each([18, 24, 28, 40])("cuts a long ref in the middle to %d columns, keeping the provider and the id's tail", (width) => {
    const ref = REFS[1] as string;
    const s = shortRef(ref, width);
    expect(s).toHaveLength(width);
    expect(s.startsWith("onepin:")).toBe(true);
    expect(s).toContain("…");
    const tail = s.slice(s.indexOf("…") + 1);
    expect(tail.length).toBeGreaterThanOrEqual(6);
    expect(ref.endsWith(tail)).toBe(true);
  });
});

describe("the live line", () => {
  const views = () => REFS.map((r) => new RunView(r, 0));

  it.each([60, 80, 100, 120, 200])("fits %d columns with provider, state word and elapsed time for every run", (columns) => {
    const vs = views();
    for (const [i, v] of vs.entries()) answer(v, 1000, "running", i % 2 ? { completed: 2, total: 5 } : null);
    retry(vs[1] as RunView, 2000);
    const l = layout(columns, vs);
    for (const v of vs) {
      const lines = liveLines(v, l, 65_000, 3);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns - 1);
      const first = lines[0] as string;
      expect(first.startsWith(`${v.provider}:`)).toBe(true);
      expect(first).toContain(v.ref.slice(-6));
      expect(first).toMatch(/ running /);
      expect(first).toMatch(/ 1m05s\b/);
    }
    // The last event: on the run's line when there is room, else on a line of its own.
    const onepin = liveLines(vs[1] as RunView, l, 3000, 0).join("\n");
    expect(onepin).toContain("retrying in 3 s after 503");
    expect(l.note > 0).toBe(columns >= 120);
  });

  it("shows an ETA from the pace of steps seen here, and none without a total or before a step completes", () => {
    const v = new RunView(REFS[2] as string, 0);
    answer(v, 0, "running", { completed: 1, total: 4 });
    expect(v.eta(5000)).toBeNull();
    answer(v, 10_000, "running", { completed: 2, total: 4 });
    expect(v.eta(10_000)).toBe(20_000);
    expect(v.eta(15_000)).toBe(15_000);
    expect(liveLines(v, layout(80, [v]), 15_000, 0)[0]).toMatch(/eta 15s/);
    const none = new RunView(REFS[3] as string, 0);
    answer(none, 0, "running", { completed: 1, total: null });
    answer(none, 10_000, "running", { completed: 2, total: null });
    expect(none.eta(10_000)).toBeNull();
  });

  it("draws a bar for a step total, and a moving block (never an empty bar) without one", () => {
    const v = new RunView(REFS[0] as string, 0);
    answer(v, 0, "running", { completed: 3, total: 4 });
    expect(bar(v, 12, 0)).toBe("█████████░░░");
    const open = new RunView(REFS[3] as string, 0);
    answer(open, 0, "running", { completed: 3, total: null });
    const frames = [0, 1, 2, 3].map((f) => bar(open, 12, f));
    for (const f of frames) {
      expect(f).toHaveLength(12);
      expect(f).toContain("▓▓▓");
    }
    expect(new Set(frames).size).toBe(4);
    answer(open, 1, "succeeded", { completed: 4, total: null });
    expect(bar(open, 12, 0)).toBe("█".repeat(12));
  });
});

describe("the last event", () => {
  it("says why and when the next try goes, counting down; an answer after it says the run recovered", () => {
    const v = new RunView(REFS[1] as string, 0);
    answer(v, 0, "running");
    expect(retry(v, 1000)).toBe("retrying in 4 s after 503 [1/6]");
    expect(v.noteText(3000)).toBe("retrying in 2 s after 503 [1/6]");
    expect(v.noteText(6000)).toBe("retrying now after 503 [1/6]");
    answer(v, 6000, "running");
    expect(v.noteText(7000)).toBe("answered after 1 retry");
  });

  it("names a network failure by its errno, and a 429's hint as Retry-After", () => {
    const v = new RunView(REFS[0] as string, 0);
    expect(retry(v, 0, { cause: { kind: "transport", status: null, code: null, errno: "ECONNREFUSED" } })).toBe(
      "retrying in 4 s after ECONNREFUSED [1/6]",
    );
    expect(
      retry(v, 0, { cause: { kind: "api", status: 429, code: null, errno: null }, attempt: 2, delayMs: 5000, hintMs: 5000 }),
    ).toBe("retrying in 5 s after 429 (Retry-After) [2/6]");
  });

  it("reports a hint on an answer and a budget wait, but not the hint of an error (its retry says it)", () => {
    const v = new RunView(REFS[3] as string, 0);
    const hint = { ...base(v.ref, 0), type: "hint" as const, hintMs: 5000, delayMs: 5000, plannedMs: 1000 };
    expect(v.onEvent({ ...hint, after: "answer" })).toBe("waiting 5 s (Retry-After)");
    expect(v.onEvent({ ...hint, after: "error" })).toBeNull();
    expect(v.onEvent({ ...base(v.ref, 0), type: "budget", delayMs: 6000, limit: 10, windowMs: 60_000 })).toBe(
      "rate budget: next poll in 6 s",
    );
  });

  it("a failed watch shows how it ended instead of a stale state", () => {
    const v = new RunView(REFS[1] as string, 0);
    answer(v, 0, "running");
    v.onEvent({
      ...base(v.ref, 9000),
      type: "end",
      reason: "error",
      run: null,
      polls: 3,
      error: { kind: "timeout", status: null, code: null, errno: null },
    });
    expect(v.stateWord()).toBe("timed out");
    expect(v.elapsed(60_000)).toBe(9000);
  });
});

describe("plain lines", () => {
  it("print the full ref and remove escape sequences", () => {
    const v = new RunView(REFS[1] as string, 0);
    expect(plainLine(v, 1500, "running \u001b[2J\u001b]0;title\u0007now")).toBe(`   1.5s  ${REFS[1]}  running now`);
  });
});
