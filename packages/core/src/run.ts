import { formatRef } from "./ref.js";
import type { Output, OutputKind, Progress, Run, RunError, RunState, Step } from "./types.js";

export const TERMINAL_STATES: ReadonlySet<RunState> = new Set(["succeeded", "partial", "failed", "cancelled"]);

export function isTerminal(state: RunState): boolean {
  return TERMINAL_STATES.has(state);
}

/** Maps a provider status through a table; anything not in it is `unknown` (the raw value stays in providerStatus). */
export function mapState(table: Readonly<Record<string, RunState>>, providerStatus: string): RunState {
  return Object.hasOwn(table, providerStatus) ? (table[providerStatus] as RunState) : "unknown";
}

export interface RunFields {
  provider: string;
  /** The reference segments; the last one is the run id. */
  ids: readonly string[];
  state: RunState;
  providerStatus: string;
  progress?: Progress | null;
  steps?: Step[];
  outputs?: Output[];
  error?: RunError | null;
  createdAt?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
}

/** Builds a Run with `id`, `ref` and `terminal` derived, and every optional field defaulted. */
export function makeRun(f: RunFields): Run {
  return {
    provider: f.provider,
    id: f.ids[f.ids.length - 1] ?? "",
    ref: formatRef(f.provider, f.ids),
    state: f.state,
    terminal: isTerminal(f.state),
    providerStatus: f.providerStatus,
    progress: f.progress ?? null,
    steps: f.steps ?? [],
    outputs: f.outputs ?? [],
    error: f.error ?? null,
    createdAt: f.createdAt ?? null,
    startedAt: f.startedAt ?? null,
    completedAt: f.completedAt ?? null,
  };
}

// One table: an extension's kind is its mime type's top-level type (see kindFromMime).
const EXT_MIME: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  flac: "audio/flac",
  m4a: "audio/mp4",
};

/** The lower-case file extension of a URL's path, or null. */
export function urlExtension(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] as string;
  }
  return /\.([a-z0-9]{1,5})$/i.exec(path)?.[1]?.toLowerCase() ?? null;
}

/** Output kind from a URL's extension (png, jpg, jpeg, webp, gif → image; mp4, webm, mov → video; …); else "file". */
export function kindFromUrl(url: string): OutputKind {
  return kindFromMime(mimeFromUrl(url));
}

/** A mime type implied by a URL's extension, or null. */
export function mimeFromUrl(url: string): string | null {
  return EXT_MIME[urlExtension(url) as string] ?? null;
}

/** Output kind from a mime type (image/*, video/*, audio/*, text/*); else "file". */
export function kindFromMime(mime: string | null | undefined): OutputKind {
  const top = (mime ?? "").split("/")[0]?.toLowerCase();
  return top === "image" || top === "video" || top === "audio" || top === "text" ? top : "file";
}

/** Builds an Output with every optional field defaulted to null. */
export function makeOutput(o: Partial<Output> & { url: string; kind: OutputKind }): Output {
  return {
    url: o.url,
    kind: o.kind,
    mimeType: o.mimeType ?? null,
    width: o.width ?? null,
    height: o.height ?? null,
    durationMs: o.durationMs ?? null,
    expiresAt: o.expiresAt ?? null,
  };
}

/** Adds `ms` to an ISO instant; null when the instant is missing or unreadable. */
export function addMs(iso: string | null | undefined, ms: number): string | null {
  if (!iso) return null;
  // A date near the end of the representable range would make toISOString throw a RangeError.
  const d = new Date(Date.parse(iso) + ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
