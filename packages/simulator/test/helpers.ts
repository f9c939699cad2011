import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type SimProvider, type SimulatorHandle, type SimulatorOptions, startSimulator } from "@runstatus/simulator";

export const T0 = Date.parse("2026-01-01T00:00:00.000Z");

/** A clock the test moves by hand. */
export function fakeClock(start = T0) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/** The auth header each provider documents. */
export function auth(p: SimProvider, key = "test-key"): Record<string, string> {
  switch (p) {
    case "magnific":
      return { "x-magnific-api-key": key };
    case "onepin":
    case "wondercat":
      return { authorization: `Bearer ${key}` };
    case "modelslab":
      return { key };
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are read field by field
  body: any;
}

export async function call(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<Answer> {
  const init: RequestInit = { method: opts.method ?? "GET", headers: { ...opts.headers } };
  if (opts.body !== undefined || opts.rawBody !== undefined) {
    init.body = opts.rawBody ?? JSON.stringify(opts.body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Starts a simulator on a fake clock (default timing: 1000 ms queued, 4 steps of 1500 ms). */
export async function withSim(opts: SimulatorOptions = {}) {
  const clock = fakeClock();
  const sim: SimulatorHandle = await startSimulator({ now: clock.now, ...opts });
  return { sim, clock };
}

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/**
 * Bundles a simulator entry (index.ts or bin.ts) into one ESM file in a temp folder, so a test
 * can run it as a separate Node process without a build. Returns the file and a cleanup.
 */
export async function bundle(entry: "index" | "bin"): Promise<{ file: string; dir: string; cleanup: () => void }> {
  const { build } = await import("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "runstatus-sim-"));
  const file = join(dir, `${entry}.mjs`);
  await build({
    entryPoints: [join(SRC, `${entry}.ts`)],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: file,
    logLevel: "silent",
  });
  return { file, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
