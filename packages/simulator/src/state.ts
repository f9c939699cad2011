import { createHash } from "node:crypto";
import { DEFAULT_TARGETS, findTarget, type TargetInfo } from "./catalog.js";
import { SimulatorError } from "./errors.js";
import { iso } from "./http.js";
import { newId } from "./ids.js";
import { checkScenario, type ResolvedOptions } from "./options.js";
import { runStatus } from "./status.js";
import { elapsedForState, type Snapshot, Timeline } from "./timeline.js";
import type { CreateRunOptions, ScenarioName, SimProvider, SimRunInfo } from "./types.js";
import type { WebhookPusher } from "./webhooks.js";

export interface SimRun {
  provider: SimProvider;
  /** The provider's run id as a string (ModelsLab's integer too). */
  id: string;
  target: TargetInfo;
  scenario: ScenarioName;
  timeline: Timeline;
  /** Per-target sequence number (OnePin's `run_number`). */
  runNumber: number;
  /** Creation order, for newest-first lists and stable ties. */
  seq: number;
}

/** Runs and counters shared by the four providers and the control API. */
export class SimState {
  url = "";
  /** Sends the webhooks of runs started with one (Magnific) or of workflows that have one (ModelsLab). */
  pusher: WebhookPusher | null = null;
  private readonly runs = new Map<string, SimRun>();
  private seq = 0;
  private nextExecution = 10001;
  private readonly runNumbers = new Map<string, number>();

  constructor(readonly opts: ResolvedOptions) {}

  now(): number {
    return this.opts.now();
  }

  baseUrl(p: SimProvider): string {
    return `${this.url}/${p}`;
  }

  /** URL of a generated file served by the simulator itself, so outputs can be downloaded. */
  assetUrl(p: SimProvider, runId: string, file: string): string {
    return `${this.url}/_simulator/assets/${p}/${encodeURIComponent(runId)}/${file}`;
  }

  /**
   * Starts a run of `targetId`. The scenario is the explicit one, else the target's, else the
   * provider's default. `elapsedMs` backdates the run so that it is already that far along.
   */
  createRun(
    provider: SimProvider,
    target: TargetInfo,
    opts: { scenario?: ScenarioName | undefined; elapsedMs?: number; state?: CreateRunOptions["state"] } = {},
  ): SimRun {
    const scenario = opts.scenario ?? target.scenario ?? this.opts.defaultScenario[provider];
    const timing = this.opts.timingFor(scenario);
    const speed = this.opts.speed;
    const now = this.now();
    // A paused start on a non-paused scenario parks the run where it stands, with no automatic pause.
    const autoPause = opts.state !== "terminal";
    const probe = new Timeline({ createdAt: 0, speed, timing, scenario, autoPause: false });
    const elapsed = opts.elapsedMs ?? (opts.state ? elapsedForState(probe, opts.state) : 0);
    const timeline = new Timeline({ createdAt: now - elapsed / speed, speed, timing, scenario, autoPause });
    if (opts.state === "paused") timeline.requestPause(now);
    const key = `${provider}:${target.id}`;
    const runNumber = (this.runNumbers.get(key) ?? 0) + 1;
    this.runNumbers.set(key, runNumber);
    const id = this.newRunId(provider);
    const run: SimRun = { provider, id, target, scenario, timeline, runNumber, seq: ++this.seq };
    this.runs.set(`${provider}:${id}`, run);
    return run;
  }

  private newRunId(p: SimProvider): string {
    switch (p) {
      case "magnific":
        return newId.magnificRun();
      case "onepin":
        return newId.onepinRun();
      case "wondercat":
        return newId.wondercatRun();
      case "modelslab":
        return String(this.nextExecution++);
    }
  }

  getRun(p: SimProvider, id: string): SimRun | undefined {
    return this.runs.get(`${p}:${id}`);
  }

  listRuns(p?: SimProvider, targetId?: string): SimRun[] {
    const out: SimRun[] = [];
    for (const r of this.runs.values()) {
      if ((p === undefined || r.provider === p) && (targetId === undefined || r.target.id === targetId)) out.push(r);
    }
    return out;
  }

  snapshot(run: SimRun): Snapshot {
    return run.timeline.snapshot(this.now());
  }

  /** Control-API form of a run. */
  info(run: SimRun): SimRunInfo {
    const snap = this.snapshot(run);
    const ids = run.provider === "onepin" || run.provider === "modelslab" ? [run.target.id, run.id] : [run.id];
    return {
      provider: run.provider,
      id: run.id,
      ids,
      ref: `${run.provider}:${ids.join("/")}`,
      target: run.target.id,
      scenario: run.scenario,
      phase: snap.phase,
      providerStatus: runStatus(run.provider, snap.phase, this.opts.unknownStatus),
      createdAt: iso(snap.createdAt),
    };
  }

  /** The control API's and `createRun()`'s entry (options already checked by `checkCreateRun`). */
  createFromControl(o: CreateRunOptions): SimRun {
    const target = findTarget(o.provider, o.target ?? this.defaultTargetId(o.provider));
    if (!target) throw new SimulatorError("target", `unknown ${o.provider} target ${JSON.stringify(o.target)}`);
    const scenario = o.scenario === undefined ? undefined : checkScenario(o.provider, o.scenario, "scenario");
    if (o.state === "paused" && o.provider !== "onepin") {
      throw new SimulatorError("state", `state "paused" is only available for onepin (the only provider with pause)`);
    }
    const opts: { scenario?: ScenarioName; elapsedMs?: number; state?: CreateRunOptions["state"] } = {};
    if (scenario) opts.scenario = scenario;
    if (o.elapsedMs !== undefined) opts.elapsedMs = o.elapsedMs;
    if (o.state !== undefined) opts.state = o.state;
    return this.createRun(o.provider, target, opts);
  }

  defaultTargetId(p: SimProvider): string {
    return DEFAULT_TARGETS[p];
  }

  reset(): void {
    this.runs.clear();
    this.runNumbers.clear();
    this.seq = 0;
  }
}

/** A stable pseudo-random string from a seed (asset ids, signatures), so a run's answers never change. */
export function stable(seed: string, n: number, alphabet = "0123456789abcdef"): string {
  let out = "";
  let i = 0;
  while (out.length < n) {
    const h = createHash("sha256").update(`${seed}#${i++}`).digest();
    for (const b of h) {
      if (out.length >= n) break;
      out += alphabet[b % alphabet.length];
    }
  }
  return out;
}
