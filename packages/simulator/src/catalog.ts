import type { ScenarioName, SimProvider, TargetIds } from "./types.js";

/** A file a step produces. */
export interface OutputTemplate {
  kind: "image" | "video" | "audio";
  ext: string;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Magnific `tool`, Wondercat output `type`. */
  tool: string;
}

export interface StepTemplate {
  name: string;
  /** OnePin node type, Wondercat reference id: provider-specific labels. */
  nodeType?: string;
  referenceId?: string;
  output?: OutputTemplate;
  /** Its output is a final result (Wondercat leaf step, ModelsLab `output.output`, Magnific `result`). */
  final: boolean;
}

const png = (w: number, h: number, tool: string): OutputTemplate => ({
  kind: "image",
  ext: "png",
  mime: "image/png",
  width: w,
  height: h,
  durationMs: null,
  tool,
});
const mp4 = (w: number, h: number, ms: number, tool: string): OutputTemplate => ({
  kind: "video",
  ext: "mp4",
  mime: "video/mp4",
  width: w,
  height: h,
  durationMs: ms,
  tool,
});
const mp3 = (ms: number, tool: string): OutputTemplate => ({
  kind: "audio",
  ext: "mp3",
  mime: "audio/mpeg",
  width: null,
  height: null,
  durationMs: ms,
  tool,
});

/** Step templates per provider; a run with more steps cycles through them. */
export const STEP_TEMPLATES: Record<SimProvider, readonly StepTemplate[]> = {
  magnific: [
    { name: "Interpret sketch", final: false },
    { name: "Render", output: png(1024, 768, "text-to-image"), final: true },
    { name: "Animate", output: mp4(1280, 720, 5040, "image-to-video"), final: true },
    { name: "Voice-over", output: mp3(3200, "text-to-speech"), final: true },
  ],
  onepin: [
    { name: "Script", nodeType: "source_script", final: false },
    { name: "Translator", nodeType: "operator_translator", final: false },
    { name: "Voice generator", nodeType: "operator_generator", output: mp3(5230, "tts"), final: true },
    { name: "Preview", nodeType: "sink_preview", final: false },
  ],
  wondercat: [
    { name: "Generate background", referenceId: "step_abc", output: png(1920, 1080, "inference"), final: false },
    { name: "Render video", referenceId: "step_def", output: mp4(1920, 1080, 15000, "editor"), final: true },
    { name: "Narration", referenceId: "step_ghi", output: mp3(14500, "inference"), final: true },
    { name: "Thumbnail", referenceId: "step_jkl", output: png(640, 360, "inference"), final: true },
  ],
  modelslab: [
    { name: "Text to Image", output: png(1024, 1024, "text2img"), final: false },
    { name: "Image Upscaler", output: png(2048, 2048, "upscale"), final: true },
    { name: "Image to Video", output: mp4(1024, 1024, 4000, "img2video"), final: true },
    { name: "Text to Speech", output: mp3(4000, "tts"), final: true },
  ],
};

/** Step `i` of a run on `provider`: templates repeat, with a round number after the first round. */
export function stepTemplate(provider: SimProvider, i: number): StepTemplate {
  const list = STEP_TEMPLATES[provider];
  const base = list[i % list.length] as StepTemplate;
  const round = Math.floor(i / list.length);
  if (round === 0) return base;
  const ref = base.referenceId ? `${base.referenceId}_${round + 1}` : undefined;
  return { ...base, name: `${base.name} ${round + 1}`, ...(ref ? { referenceId: ref } : {}) };
}

/**
 * Whether step `i` of `n` is a final result. Wondercat's graph fans out from its first step, so
 * the other steps are leaves; a one-step run's only step is final everywhere.
 */
export function isFinalStep(provider: SimProvider, i: number, n: number): boolean {
  if (n === 1) return true;
  return stepTemplate(provider, i).final;
}

/** Which scenarios a provider can act out (`paused` needs OnePin's pause call). */
export function scenariosFor(provider: SimProvider): ScenarioName[] {
  const all: ScenarioName[] = ["succeeded", "failed", "partial", "cancelled", "slow", "unknown-status"];
  return provider === "onepin" ? [...all.slice(0, 4), "paused", ...all.slice(4)] : all;
}

/** Target ids that select a scenario: starting a run of one of these acts out that scenario. */
export const SCENARIO_TARGETS: Record<SimProvider, Partial<Record<ScenarioName, string>>> = {
  magnific: {
    succeeded: "simSuccess",
    failed: "simFailure",
    partial: "simPartial",
    cancelled: "simCancel1",
    slow: "simSlowRun",
    "unknown-status": "simUnknown",
  },
  onepin: {
    succeeded: "0e1a0000-0000-4000-8000-000000000001",
    failed: "0e1a0000-0000-4000-8000-000000000002",
    partial: "0e1a0000-0000-4000-8000-000000000003",
    cancelled: "0e1a0000-0000-4000-8000-000000000004",
    paused: "0e1a0000-0000-4000-8000-000000000005",
    slow: "0e1a0000-0000-4000-8000-000000000006",
    "unknown-status": "0e1a0000-0000-4000-8000-000000000007",
  },
  wondercat: {
    succeeded: "bp_sim_succeeded",
    failed: "bp_sim_failed",
    partial: "bp_sim_partial",
    cancelled: "bp_sim_cancelled",
    slow: "bp_sim_slow",
    "unknown-status": "bp_sim_unknown_status",
  },
  modelslab: {
    succeeded: "3a1b0000-0000-4000-8000-000000000001",
    failed: "3a1b0000-0000-4000-8000-000000000002",
    partial: "3a1b0000-0000-4000-8000-000000000003",
    cancelled: "3a1b0000-0000-4000-8000-000000000004",
    slow: "3a1b0000-0000-4000-8000-000000000006",
    "unknown-status": "3a1b0000-0000-4000-8000-000000000007",
  },
};

/** The provider's default target (the documentation's example id): acts out the configured default scenario. */
export const DEFAULT_TARGETS: Record<SimProvider, string> = {
  magnific: "uqzQLDr2Aw",
  onepin: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  wondercat: "bp_xyz",
  modelslab: "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80",
};

/** Every target id of every provider: `default` and one per scenario. */
export const TARGETS: Record<SimProvider, TargetIds> = {
  magnific: { default: DEFAULT_TARGETS.magnific, ...SCENARIO_TARGETS.magnific },
  onepin: { default: DEFAULT_TARGETS.onepin, ...SCENARIO_TARGETS.onepin },
  wondercat: { default: DEFAULT_TARGETS.wondercat, ...SCENARIO_TARGETS.wondercat },
  modelslab: { default: DEFAULT_TARGETS.modelslab, ...SCENARIO_TARGETS.modelslab },
};

export interface TargetInfo {
  id: string;
  /** null: the default target, which follows the configured scenario. */
  scenario: ScenarioName | null;
  name: string;
  /** The default target mirrors the documentation's example and requires its inputs. */
  strictInputs: boolean;
}

const DEFAULT_NAMES: Record<SimProvider, string> = {
  magnific: "Sketch to Realism",
  onepin: "Narrated explainer",
  wondercat: "Product video",
  modelslab: "Poster generator",
};

export function findTarget(provider: SimProvider, id: string): TargetInfo | null {
  if (id === DEFAULT_TARGETS[provider]) return { id, scenario: null, name: DEFAULT_NAMES[provider], strictInputs: true };
  for (const [scenario, tid] of Object.entries(SCENARIO_TARGETS[provider])) {
    if (tid === id) return { id, scenario: scenario as ScenarioName, name: `Simulator: ${scenario}`, strictInputs: false };
  }
  return null;
}

export function listTargets(provider: SimProvider): TargetInfo[] {
  const out: TargetInfo[] = [];
  for (const id of Object.values(TARGETS[provider]) as string[]) {
    const t = findTarget(provider, id);
    if (t) out.push(t);
  }
  return out;
}
