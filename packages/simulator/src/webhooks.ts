import { Webhook } from "standardwebhooks";
import { SimulatorError } from "./errors.js";
import { magnificRun } from "./providers/magnific.js";
import { modelslabExecution } from "./providers/modelslab.js";
import { type SimRun, type SimState, stable } from "./state.js";
import { isTerminalPhase } from "./timeline.js";
import type { SimProvider } from "./types.js";

/**
 * What can go wrong with a delivery: `drop` (never sent), `duplicate` (sent twice, same id),
 * `delay` (sent `delayMs` late), `reorder` (held back until after the run's next event, or
 * `delayMs` when it is the last), `bad-signature` (signed with another key) and `unknown-event`
 * (an event of an unknown name is sent first).
 */
export type WebhookFaultKind = "drop" | "duplicate" | "delay" | "reorder" | "bad-signature" | "unknown-event";

export const WEBHOOK_FAULT_KINDS: readonly WebhookFaultKind[] = [
  "drop",
  "duplicate",
  "delay",
  "reorder",
  "bad-signature",
  "unknown-event",
];

/** A planned delivery fault: fires on the `nth` matching delivery and the `times - 1` after it. */
export interface WebhookFault {
  /** magnific or modelslab. Default: both. */
  provider?: "magnific" | "modelslab";
  /** Only deliveries of this event name (e.g. "finished", "workflow.completed"). Default: any. */
  event?: string;
  kind: WebhookFaultKind;
  /** 1-based. Default 1. */
  nth?: number;
  /** Default 1; "always" for every matching delivery. */
  times?: number | "always";
  /** For `delay` and a last `reorder`. Default 1000 ms. */
  delayMs?: number;
}

/** One delivery attempt, as `webhookDeliveries()` and `GET /_simulator/webhooks` list them (no headers). */
export interface WebhookDelivery {
  at: string;
  provider: SimProvider;
  ref: string;
  event: string;
  id: string;
  /** The receiver's answer; 0 when the connection failed; null when the delivery was dropped. */
  status: number | null;
  fault: WebhookFaultKind | null;
}

interface Pending {
  event: string;
  body: Record<string, unknown>;
}

const DELIVERY_LIMIT = 1000;
const SEND_TIMEOUT_MS = 5000;
/** How often a run whose end is held up (paused) is looked at again. */
const RECHECK_MS = 250;

const obj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function checkWebhookFault(v: unknown, where: string): WebhookFault {
  if (!obj(v)) throw new SimulatorError(where, `${where} must be an object like { kind: "drop", provider: "magnific" }`);
  if (!WEBHOOK_FAULT_KINDS.includes(v.kind as WebhookFaultKind)) {
    throw new SimulatorError(where, `${where}.kind must be one of ${WEBHOOK_FAULT_KINDS.join(", ")}`);
  }
  const f: WebhookFault = { kind: v.kind as WebhookFaultKind };
  if (v.provider !== undefined) {
    if (v.provider !== "magnific" && v.provider !== "modelslab") {
      throw new SimulatorError(where, `${where}.provider must be magnific or modelslab (the providers that push)`);
    }
    f.provider = v.provider;
  }
  if (v.event !== undefined) {
    if (typeof v.event !== "string" || v.event === "") throw new SimulatorError(where, `${where}.event must be an event name`);
    f.event = v.event;
  }
  const int = (x: unknown, name: string, max: number) => {
    if (typeof x !== "number" || !Number.isInteger(x) || x < (name === "delayMs" ? 0 : 1) || x > max) {
      throw new SimulatorError(where, `${where}.${name} must be an integer in range`);
    }
    return x;
  };
  if (v.nth !== undefined) f.nth = int(v.nth, "nth", 1_000_000);
  if (v.times !== undefined) f.times = v.times === "always" ? "always" : int(v.times, "times", 1_000_000);
  if (v.delayMs !== undefined) f.delayMs = int(v.delayMs, "delayMs", 600_000);
  return f;
}

export function checkWebhookUrl(v: unknown, where: string): string {
  if (typeof v !== "string" || !/^https?:\/\/\S+$/.test(v))
    throw new SimulatorError(where, `${where} must be an absolute http(s) URL`);
  return v;
}

/**
 * The simulator's pushes: Magnific posts `initialized` when a run starts and `finished` or `failed`
 * when it ends, to the run's own `webhook`; ModelsLab posts `workflow.completed` or
 * `workflow.failed` to the workflow's webhook URL. Cancelled runs post nothing (neither provider
 * documents an event for them). With a secret, deliveries carry Standard-Webhooks headers.
 * Nothing runs on a timer unless some run has a webhook.
 */
export class WebhookPusher {
  readonly workflowUrls = new Map<string, string>();
  readonly #faults: { f: WebhookFault; seen: number; fired: number }[] = [];
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inflight = new Set<AbortController>();
  readonly #held = new Map<string, Pending[]>();
  readonly #signer: Webhook | null;
  readonly #forger = new Webhook(Buffer.from("not the configured secret").toString("base64"));
  #closed = false;

  constructor(
    readonly sim: SimState,
    secret: string | null,
    faults: readonly WebhookFault[] = [],
  ) {
    try {
      this.#signer = secret ? new Webhook(secret) : null;
    } catch {
      throw new SimulatorError("webhookSecret", "webhookSecret must be a Standard-Webhooks secret (whsec_<base64>)");
    }
    for (const f of faults) this.addFault(f);
  }

  get signed(): boolean {
    return this.#signer !== null;
  }

  addFault(f: WebhookFault): void {
    this.#faults.push({ f, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  faults() {
    return this.#faults.map((e) => ({ fault: e.f, seen: e.seen, fired: e.fired }));
  }

  deliveries(): WebhookDelivery[] {
    return this.#deliveries.slice();
  }

  reset(): void {
    this.clearFaults();
    this.workflowUrls.clear();
    this.#deliveries.length = 0;
    this.#held.clear();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  close(): void {
    this.#closed = true;
    this.reset();
    for (const ac of this.#inflight) ac.abort();
  }

  /** Starts pushing the events of `run` to `url`. */
  track(run: SimRun, url: string): void {
    const t = run.timeline.timing;
    if (run.provider === "magnific") this.#at(run, t.queuedMs, () => this.#started(run, url));
    this.#at(run, run.timeline.terminalElapsed(), () => this.#ended(run, url));
  }

  #at(run: SimRun, elapsed: number, fn: () => void): void {
    this.#later(Math.max(0, run.timeline.timeAt(elapsed, false) - this.sim.now()), fn);
  }

  #later(ms: number, fn: () => void): void {
    if (this.#closed || !Number.isFinite(ms)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  #started(run: SimRun, url: string): void {
    const phase = this.sim.snapshot(run).phase;
    if (phase === "queued" || phase === "paused") {
      this.#later(RECHECK_MS, () => this.#started(run, url));
      return;
    }
    if (phase === "cancelled") return;
    this.#push(run, url, { event: "initialized", body: { event: "initialized", ...magnificRun(this.sim, run) } });
  }

  #ended(run: SimRun, url: string): void {
    const phase = this.sim.snapshot(run).phase;
    if (phase === "unknown" || phase === "cancelled") return;
    if (!isTerminalPhase(phase)) {
      this.#later(RECHECK_MS, () => this.#ended(run, url));
      return;
    }
    if (run.provider === "magnific") {
      const event = phase === "failed" ? "failed" : "finished";
      this.#push(run, url, { event, body: { event, ...magnificRun(this.sim, run) } });
      return;
    }
    const x = modelslabExecution(this.sim, run);
    const execution = x.execution as Record<string, unknown>;
    const event = phase === "succeeded" ? "workflow.completed" : "workflow.failed";
    const body: Record<string, unknown> = {
      event,
      execution_id: execution.id,
      workflow_id: execution.workflow_id,
      status: execution.status,
      completed_at: execution.completed_at,
    };
    if (obj(x.output)) body.output = { output: x.output.output };
    this.#push(run, url, { event, body });
  }

  #take(provider: SimProvider, event: string): WebhookFault | null {
    let due: WebhookFault | null = null;
    for (const e of this.#faults) {
      if ((e.f.provider && e.f.provider !== provider) || (e.f.event && e.f.event !== event)) continue;
      e.seen++;
      const times = e.f.times ?? 1;
      if (due === null && e.seen >= (e.f.nth ?? 1) && (times === "always" || e.fired < times)) {
        e.fired++;
        due = e.f;
      }
    }
    return due;
  }

  #push(run: SimRun, url: string, p: Pending): void {
    const key = `${run.provider}:${run.id}`;
    const fault = this.#take(run.provider, p.event);
    const held = this.#held.get(key) ?? [];
    this.#held.delete(key);
    const flush = () => {
      for (const h of held) this.#send(run, url, h, null, false);
    };
    switch (fault?.kind) {
      case "drop":
        this.#record(run, p, idOf(run, p.event), null, "drop");
        flush();
        return;
      case "reorder": {
        this.#held.set(key, [...held, p]);
        const terminal = isTerminalPhase(this.sim.snapshot(run).phase);
        // The last event of a run has no next one to wait for: it goes late instead.
        if (terminal) this.#later(fault.delayMs ?? 1000, () => this.#flushHeld(run, url));
        flush();
        return;
      }
      case "delay":
        this.#later(fault.delayMs ?? 1000, () => this.#send(run, url, p, "delay", false));
        flush();
        return;
      case "unknown-event": {
        // An event of a name no mapping knows, carrying only the run's identity.
        const name = run.provider === "magnific" ? "sim.unknown" : "workflow.unknown";
        const { run_id, execution_id, workflow_id } = p.body;
        const body = run.provider === "magnific" ? { event: name, run_id } : { event: name, execution_id, workflow_id };
        this.#send(run, url, { event: name, body }, "unknown-event", false);
        break;
      }
    }
    this.#send(
      run,
      url,
      p,
      fault?.kind === "duplicate" || fault?.kind === "bad-signature" ? fault.kind : null,
      fault?.kind === "bad-signature",
    );
    if (fault?.kind === "duplicate") this.#send(run, url, p, "duplicate", false);
    flush();
  }

  #flushHeld(run: SimRun, url: string): void {
    const key = `${run.provider}:${run.id}`;
    const held = this.#held.get(key) ?? [];
    this.#held.delete(key);
    for (const h of held) this.#send(run, url, h, "reorder", false);
  }

  #send(run: SimRun, url: string, p: Pending, fault: WebhookFaultKind | null, forge: boolean): void {
    if (this.#closed) return;
    const text = JSON.stringify(p.body);
    const id = idOf(run, p.event);
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "runstatus-simulator" };
    const signer = forge ? this.#forger : this.#signer;
    if (signer) {
      const now = new Date(this.sim.now());
      headers["webhook-id"] = id;
      headers["webhook-timestamp"] = String(Math.floor(now.getTime() / 1000));
      headers["webhook-signature"] = signer.sign(id, now, text);
    }
    const ac = new AbortController();
    this.#inflight.add(ac);
    const timer = setTimeout(() => ac.abort(), SEND_TIMEOUT_MS);
    fetch(url, { method: "POST", headers, body: text, signal: ac.signal, redirect: "manual" })
      .then(
        async (res) => {
          await res.arrayBuffer().catch(() => {});
          return res.status;
        },
        () => 0,
      )
      .then((status) => {
        clearTimeout(timer);
        this.#inflight.delete(ac);
        this.#record(run, p, id, status, fault);
      });
  }

  #record(run: SimRun, p: Pending, id: string, status: number | null, fault: WebhookFaultKind | null): void {
    const ref = this.sim.info(run).ref;
    this.#deliveries.push({
      at: new Date(this.sim.now()).toISOString(),
      provider: run.provider,
      ref,
      event: p.event,
      id,
      status,
      fault,
    });
    if (this.#deliveries.length > DELIVERY_LIMIT) this.#deliveries.splice(0, this.#deliveries.length - DELIVERY_LIMIT);
    this.sim.opts.log?.(`webhook ${p.event} ${ref} -> ${status ?? "dropped"}${fault ? ` (${fault})` : ""}`);
  }
}

/** The same id for every delivery of one event of one run (a duplicate or a retry repeats it). */
const idOf = (run: SimRun, event: string) => `msg_${stable(`${run.provider}/${run.id}/${event}`, 24)}`;
