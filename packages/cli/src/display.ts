// What `watch` shows of each run, as text: the run's view (built from poller events), one live line
// sized to the terminal, and the plain lines printed without a terminal. Pure: time comes in as `now`.
import { type PollEvent, type PollEventCause, type Run, terminalSafe } from "@runstatus/core";
import { formatElapsed, progressText } from "./format.js";

/** Colours for the live line; identity functions when colour is off. */
export interface Paint {
  state(text: string, state: Run["state"] | "error"): string;
  dim(text: string): string;
}

export const NO_PAINT: Paint = { state: (s) => s, dim: (s) => s };

/** A note about the last thing the poller did, with the time it counts down to (if any). */
interface Note {
  kind: "retry" | "hint" | "budget" | "recovered" | "error";
  text: (remaining: string) => string;
  until: number | null;
}

/** One run as `watch` shows it. */
export class RunView {
  run: Run | null = null;
  endedAt: number | null = null;
  /** Set when the watch of this run failed: the error's kind ("timeout", "api", "aborted"…). */
  failed: string | null = null;
  note: Note | null = null;
  lastAnswerAt: number | null = null;
  #retries = 0;
  /** First progress seen (for the ETA), and when the completed count last moved. */
  #first: { at: number; completed: number } | null = null;
  #movedAt = 0;

  constructor(
    readonly ref: string,
    readonly startedAt: number,
  ) {}

  get provider(): string {
    return this.ref.slice(0, this.ref.indexOf(":"));
  }

  get done(): boolean {
    return this.endedAt !== null;
  }

  /** Takes in a poller event; returns the plain line worth printing for it, if any. */
  onEvent(e: PollEvent): string | null {
    switch (e.type) {
      case "answer":
        this.lastAnswerAt = e.at;
        if (this.note?.kind === "retry") {
          const n = this.#retries;
          this.note = { kind: "recovered", text: () => `answered after ${n} ${n === 1 ? "retry" : "retries"}`, until: null };
        } else if (this.note?.kind === "hint" || this.note?.kind === "budget") this.note = null;
        this.#retries = 0;
        this.#track(e.run, e.at);
        this.run = e.run;
        return null;
      case "retry": {
        this.#retries = e.attempt;
        const hinted = e.hintMs !== null && e.hintMs >= e.delayMs * 0.9 ? " (Retry-After)" : "";
        const text = (left: string) => `retrying ${left} after ${causeText(e.cause)}${hinted} [${e.attempt}/${e.maxRetries}]`;
        this.note = { kind: "retry", text, until: e.at + e.delayMs };
        return text(`in ${seconds(e.delayMs)}`);
      }
      case "hint": {
        // A hint on an error is part of the retry, which the next event reports.
        if (e.after === "error") return null;
        const text = (left: string) => `waiting ${left} (Retry-After)`;
        this.note = { kind: "hint", text, until: e.at + e.delayMs };
        return text(seconds(e.delayMs));
      }
      case "budget": {
        const text = (left: string) => `rate budget: next poll ${left}`;
        this.note = { kind: "budget", text, until: e.at + e.delayMs };
        return text(`in ${seconds(e.delayMs)}`);
      }
      case "end":
        this.endedAt = e.at;
        if (e.run) this.run = e.run;
        if (e.reason === "error" && e.error) {
          const c = e.error;
          this.failed = c.kind === "timeout" ? "timed out" : c.kind === "aborted" ? "interrupted" : "error";
          const detail = c.kind === "timeout" || c.kind === "aborted" ? this.failed : `failed: ${causeText(c)}`;
          this.note = { kind: "error", text: () => detail, until: null };
        } else if (e.reason === "stopped") {
          this.failed = "stopped";
          this.note = { kind: "error", text: () => "stopped", until: null };
        }
        return null;
      default:
        return null;
    }
  }

  /** The watch of this run was stopped because another run failed (--fail-fast). */
  stop(why: string): string {
    this.failed = "stopped";
    this.note = { kind: "error", text: () => `stopped (${why})`, until: null };
    return `stopped (${why})`;
  }

  #track(run: Run, at: number): void {
    const p = run.progress;
    if (!p) return;
    if (!this.#first) {
      this.#first = { at, completed: p.completed };
      this.#movedAt = at;
    } else if (p.completed !== this.run?.progress?.completed) this.#movedAt = at;
  }

  /** ms left, from the pace of steps seen completing here; null when progress does not allow one. */
  eta(now: number): number | null {
    const p = this.run?.progress;
    const f = this.#first;
    if (!p || !f || p.total === null || this.done || this.run?.terminal) return null;
    const doneHere = p.completed - f.completed;
    if (doneHere <= 0 || p.completed >= p.total) return null;
    const perStep = (this.#movedAt - f.at) / doneHere;
    return Math.max(0, perStep * (p.total - p.completed) - (now - this.#movedAt));
  }

  elapsed(now: number): number {
    return (this.endedAt ?? now) - this.startedAt;
  }

  /** The state word: the run's, or how its watch ended. */
  stateWord(): string {
    if (this.failed && !this.run?.terminal) return this.failed;
    return this.run ? this.run.state : "waiting";
  }

  noteText(now: number): string {
    if (this.note) {
      const { until } = this.note;
      const left = until === null ? "" : until > now ? `in ${seconds(until - now)}` : "now";
      return terminalSafe(this.note.text(left));
    }
    if (this.done) return "finished";
    return this.lastAnswerAt === null ? "first poll…" : `answered ${formatElapsed(now - this.lastAnswerAt)} ago`;
  }
}

/** "503", "429", "ECONNREFUSED", "network error", "invalid response". */
export function causeText(c: PollEventCause): string {
  if (c.kind === "transport") return c.errno ?? "network error";
  if (c.status !== null && c.status > 0) return String(c.status);
  return c.kind.replace("_", " ");
}

/** "0.5 s", "4 s", "1m05s". */
export function seconds(ms: number): string {
  if (ms < 1000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return formatElapsed(ms);
}

/**
 * A reference that fits `width`, shortened in the middle: the provider and the tail of the id are
 * kept ("onepin:7c9e…6afa6"); the head of the id gets a third of the room left, at most 8.
 */
export function shortRef(ref: string, width: number): string {
  if (ref.length <= width) return ref;
  const colon = ref.indexOf(":");
  const provider = ref.slice(0, colon + 1);
  const id = ref.slice(colon + 1);
  const room = width - provider.length - 1;
  if (room < 4) return `${provider}…${id.slice(-Math.max(1, room))}`.slice(0, Math.max(width, provider.length + 2));
  // The tail tells runs apart: at least 6 characters of it whenever the room allows.
  const head = Math.max(0, Math.min(8, Math.floor(room / 3), room - 6));
  return `${provider}${id.slice(0, head)}…${id.slice(id.length - (room - head))}`;
}

/** Column widths of the live line for a terminal `columns` wide. */
export interface Layout {
  width: number;
  ref: number;
  state: number;
  bar: number;
  steps: number;
  elapsed: number;
  /** 0: no ETA column. */
  eta: number;
  /** Room for the last event on the run's line; 0: it goes on a line of its own below. */
  note: number;
}

const GAP = 2;
const STATE_W = 11; // "interrupted", "cancelled", "succeeded"
const ELAPSED_W = 6; // "59m59s"
const ETA_W = 10; // "eta 59m59s"
const NOTE_MIN = 30;

/** Fits the columns into `columns` (at least 60 are assumed): the ref gets what the others leave. */
export function layout(columns: number, views: readonly RunView[], inlineNotes = false): Layout {
  const width = Math.max(59, columns - 1);
  const longestRef = Math.max(12, ...views.map((v) => v.ref.length));
  const steps = Math.max(3, ...views.map((v) => stepsText(v).length));
  const fixed = (bar: number, eta: number) => STATE_W + bar + steps + ELAPSED_W + eta + GAP * (eta ? 5 : 4);
  let bar = 12;
  let eta = ETA_W;
  // Narrow terminals: a shorter bar, then no ETA, before the ref drops under 18 columns.
  while (width - fixed(bar, eta) < 18 && bar > 6) bar--;
  if (width - fixed(bar, eta) < 18) eta = 0;
  const room = width - fixed(bar, eta);
  let ref = Math.min(longestRef, Math.max(18, Math.min(room, 30)));
  let note = room - ref - GAP;
  if (note < NOTE_MIN && !inlineNotes) note = 0;
  if (note <= 0) ref = Math.min(longestRef, room);
  note = Math.max(0, note);
  if (inlineNotes && note < NOTE_MIN) {
    // Not enough rows for a note line per run: the note shares the line, the ref gives way.
    ref = Math.max(12, Math.min(ref, room - GAP - NOTE_MIN));
    note = Math.max(0, room - ref - GAP);
  }
  return { width, ref, state: STATE_W, bar, steps, elapsed: ELAPSED_W, eta, note };
}

function stepsText(v: RunView): string {
  const p = v.run?.progress;
  if (!p) return "-";
  return `${p.completed}/${p.total ?? "?"}`;
}

/** The progress bar, or a moving block when the run has no step total. `frame` animates it. */
export function bar(v: RunView, width: number, frame: number): string {
  const p = v.run?.progress;
  const terminal = v.run?.terminal === true;
  if (p && p.total !== null && p.total > 0) {
    const filled = Math.round((Math.min(p.completed, p.total) / p.total) * width);
    const full = terminal && v.run?.state === "succeeded" ? width : filled;
    return "█".repeat(full) + "░".repeat(width - full);
  }
  if (terminal) return (v.run?.state === "succeeded" ? "█" : "░").repeat(width);
  if (v.done) return "░".repeat(width);
  // Indeterminate: a three-cell block sweeping back and forth.
  const span = Math.max(1, width - 3);
  const k = frame % (2 * span);
  const at = k <= span ? k : 2 * span - k;
  return "░".repeat(at) + "▓▓▓".slice(0, width - at) + "░".repeat(Math.max(0, width - at - 3));
}

function fit(text: string, width: number): string {
  if (width <= 0) return "";
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** The live lines of one run: one, or two when the last event needs a line of its own. */
export function liveLines(v: RunView, l: Layout, now: number, frame: number, paint: Paint = NO_PAINT): string[] {
  const word = v.stateWord();
  const stateKey = v.failed && !v.run?.terminal ? "error" : (v.run?.state ?? "queued");
  const eta = v.eta(now);
  const cells = [
    fit(shortRef(v.ref, l.ref), l.ref),
    paint.state(fit(word, l.state), stateKey),
    paint.state(bar(v, l.bar, frame), stateKey),
    fit(stepsText(v), l.steps),
    fit(formatElapsed(v.elapsed(now)), l.elapsed),
  ];
  if (l.eta) cells.push(fit(eta === null ? "" : `eta ${formatElapsed(eta + 999)}`, l.eta));
  const note = v.noteText(now);
  const sep = " ".repeat(GAP);
  if (l.note > 0) return [`${cells.join(sep)}${sep}${paint.dim(fit(note, l.note))}`.trimEnd()];
  return [cells.join(sep).trimEnd(), paint.dim(`  ↳ ${fit(note, l.width - 4)}`.trimEnd())];
}

/** A plain line (no terminal): seconds since the watch began, the full ref, then what happened. */
export function plainLine(v: RunView, now: number, what: string): string {
  const secs = ((now - v.startedAt) / 1000).toFixed(1).padStart(6);
  return `${secs}s  ${v.ref}  ${terminalSafe(what)}`;
}

/** What a plain line says about a new snapshot: state (and the provider's status), progress. */
export function changeText(run: Run): string {
  const prog = progressText(run);
  return `${run.state}${prog ? `  ${prog}` : ""}`;
}

/** A line printed above the live area about one run: elapsed time, the ref shortened to fit, what happened. */
export function aboveLine(v: RunView, now: number, what: string, columns: number): string {
  const head = formatElapsed(now - v.startedAt).padStart(6);
  const text = terminalSafe(what);
  const room = Math.max(59, columns - 1);
  const ref = shortRef(v.ref, Math.max(20, Math.min(v.ref.length, room - head.length - text.length - 4)));
  return fit(`${head}  ${ref}  ${text}`, room).trimEnd();
}
