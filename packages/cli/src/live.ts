import type { Run } from "@runstatus/core";
import cliProgress from "cli-progress";
import { formatElapsed } from "./format.js";

export interface LiveDisplay {
  update(ref: string, run: Run): void;
  /** Marks a run as failed to watch (error text instead of a state). */
  fail(ref: string, message: string): void;
  stop(): void;
}

/**
 * One progress bar per run on a terminal (cli-progress MultiBar): steps done of total, state and
 * elapsed time. Runs without step counts show an empty bar and their state.
 */
export function liveDisplay(refs: readonly string[], stream: NodeJS.WriteStream, now: () => number = Date.now): LiveDisplay {
  const width = Math.max(...refs.map((r) => r.length), 10);
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: "{ref} {bar} {steps} {state} {elapsed}",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
      forceRedraw: true,
      fps: 8,
      barCompleteChar: "█",
      barIncompleteChar: "░",
    },
    cliProgress.Presets.shades_classic,
  );
  const started = now();
  const bars = new Map<
    string,
    { bar: cliProgress.SingleBar; state: string; steps: string; done: boolean; endedAt: number | null }
  >();
  for (const ref of refs) {
    const bar = multi.create(1, 0, { ref: ref.padEnd(width), steps: "     ", state: "waiting", elapsed: "0s" });
    bars.set(ref, { bar, state: "waiting", steps: "", done: false, endedAt: null });
  }
  const render = (ref: string) => {
    const b = bars.get(ref);
    if (!b) return;
    const elapsed = formatElapsed((b.endedAt ?? now()) - started);
    b.bar.update({ ref: ref.padEnd(width), steps: b.steps.padEnd(9), state: b.state.padEnd(9), elapsed });
  };
  const tick = setInterval(() => {
    for (const ref of bars.keys()) render(ref);
  }, 1000);
  tick.unref();
  return {
    update(ref, run) {
      const b = bars.get(ref);
      if (!b) return;
      const p = run.progress;
      if (p && p.total !== null && p.total > 0) {
        b.bar.setTotal(p.total);
        b.bar.update(Math.min(p.completed, p.total));
        b.steps = `${p.completed}/${p.total}`;
      } else if (p) {
        b.steps = `${p.completed}/?`;
      } else if (run.terminal) {
        b.steps = "";
      }
      if (run.terminal) {
        b.done = true;
        b.endedAt = now();
        if (run.state === "succeeded") b.bar.update(b.bar.getTotal());
      }
      b.state = run.state;
      render(ref);
    },
    fail(ref, message) {
      const b = bars.get(ref);
      if (!b) return;
      b.done = true;
      b.endedAt = now();
      b.state = message.slice(0, 40);
      render(ref);
    },
    stop() {
      clearInterval(tick);
      multi.stop();
    },
  };
}
