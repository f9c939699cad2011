// The facade end to end against Prism mocks of the four specs. A static mock cannot make a run
// progress, so every documented status example is read with `get` (Prism picks it from the
// `Prefer: example=<name>` header the adapter sends), a terminal one is waited for, and `start` is
// called once per provider. Examples are read from the specs, so a new one is covered without
// editing this file; the expected states are written out below, not taken from the adapters.
import { readFileSync } from "node:fs";
import type { OutputKind, Run, RunState } from "@runstatus/core";
import type { AdapterOptions } from "@runstatus/core/adapter";
import { magnific } from "@runstatus/magnific";
import { modelslab } from "@runstatus/modelslab";
import { onepin } from "@runstatus/onepin";
import { type PrismHandle, specPath, startPrism } from "@runstatus/test-utils";
import { wondercat } from "@runstatus/wondercat";
import { createRunStatus, type RunProvider, type RunStatus } from "runstatus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROVIDERS, type Provider } from "./helpers.js";

type Json = Record<string, unknown>;

const KEY: Record<Provider, string> = {
  magnific: "mgk_prism_0123456789abcdef",
  onepin: "op_live_prism_0123456789abcdef",
  wondercat: `sk_${"0f".repeat(32)}`,
  modelslab: "mlk_prism_0123456789abcdef",
};

const WF_ONEPIN = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const WF_MODELSLAB = "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80";

/** Per provider: the status call, a valid reference, how to read the example, and how to start a run. */
const P: Record<
  Provider,
  {
    statusPath: string;
    ref: string;
    status(body: Json): string;
    outputs(body: Json): { url: string; kind: OutputKind }[];
    startPath: string;
    target: string;
    input: Record<string, string>;
    startedId(body: Json): string;
    refOf(id: string): string;
  }
> = {
  magnific: {
    statusPath: "/v1/ai/apps/runs/{run-id}",
    ref: "magnific:omps2OH829",
    status: (b) => (b.data as Json).status as string,
    outputs: (b) => {
      const result = ((b.data as Json).result ?? {}) as Record<string, { url: string }[] | undefined>;
      const kinds = { images: "image", videos: "video", audios: "audio" } as const;
      return Object.entries(kinds).flatMap(([k, kind]) => (result[k] ?? []).map((a) => ({ url: a.url, kind })));
    },
    startPath: "/v1/ai/apps/{app-id}/run",
    target: "uqzQLDr2Aw",
    input: { "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1": "https://example.org/sketch.png" },
    startedId: (b) => b.workflow_run_identifier as string,
    refOf: (id) => `magnific:${id}`,
  },
  onepin: {
    statusPath: "/api/v1/workflows/{workflow_id}/runs/{run_id}/status",
    ref: `onepin:${WF_ONEPIN}/3fa85f64-5717-4562-b3fc-2c963f66afa6`,
    status: (b) => (b.data as Json).status as string,
    outputs: () => [],
    startPath: "/api/v1/workflows/{workflow_id}/runs",
    target: WF_ONEPIN,
    input: { script_text: "Hello and welcome.", source_language: "en-us" },
    startedId: (b) => (b.data as Json).id as string,
    refOf: (id) => `onepin:${WF_ONEPIN}/${id}`,
  },
  wondercat: {
    statusPath: "/runs/{runId}",
    ref: "wondercat:run_abc123",
    status: (b) => b.status as string,
    outputs: (b) =>
      ((b.finalOutputs ?? []) as { url: string; mimeType: string }[]).map((o) => ({
        url: o.url,
        kind: mimeKind(o.mimeType),
      })),
    startPath: "/blueprints/{blueprintId}/runs",
    target: "bp_xyz",
    input: { "step_abc.prompt": "a red fox" },
    startedId: (b) => b.runId as string,
    refOf: (id) => `wondercat:${id}`,
  },
  modelslab: {
    statusPath: "/{workflow_id}/runs/{execution_id}",
    ref: `modelslab:${WF_MODELSLAB}/12345`,
    status: (b) => (b.execution as Json).status as string,
    // Only output.output holds results; proxy_links mirror them.
    outputs: (b) => (((b.output as Json | undefined)?.output ?? []) as string[]).map((url) => ({ url, kind: extKind(url) })),
    startPath: "/{workflow_id}/run",
    target: WF_MODELSLAB,
    input: { prompt: "a lighthouse", width: "1024" },
    startedId: (b) => String(b.execution_id),
    refOf: (id) => `modelslab:${WF_MODELSLAB}/${id}`,
  },
};

/** Provider status → run state, written out here independently of the adapters. */
const STATES: Record<Provider, Record<string, RunState>> = {
  magnific: {
    pending: "queued",
    running: "running",
    completed: "succeeded",
    completed_with_errors: "partial",
    failed: "failed",
    cancelled: "cancelled",
  },
  onepin: {
    pending: "queued",
    running: "running",
    paused: "paused",
    completed: "succeeded",
    failed: "failed",
    cancelled: "cancelled",
  },
  wondercat: {
    queued: "queued",
    running: "running",
    succeeded: "succeeded",
    failed: "failed",
    canceled: "cancelled",
    cancelled: "cancelled",
  },
  modelslab: { pending: "queued", running: "running", completed: "succeeded", failed: "failed", cancelled: "cancelled" },
};

function mimeKind(mime: string): OutputKind {
  const top = mime.split("/")[0];
  return top === "image" || top === "video" || top === "audio" || top === "text" ? top : "file";
}

/** File extension → output kind for ModelsLab outputs, which carry no mime type. */
function extKind(url: string): OutputKind {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? "";
  if (["png", "jpg", "jpeg", "webp", "gif"].includes(ext)) return "image";
  if (["mp4", "webm", "mov"].includes(ext)) return "video";
  if (["mp3", "wav", "ogg", "flac", "m4a"].includes(ext)) return "audio";
  return "file";
}

const specs = Object.fromEntries(PROVIDERS.map((p) => [p, parse(readFileSync(specPath(p), "utf8")) as Json])) as Record<
  Provider,
  Json
>;

function deref(spec: Json, node: unknown): Json {
  let cur = node as Json;
  while (typeof cur?.$ref === "string") {
    cur = (cur.$ref as string)
      .slice(2)
      .split("/")
      .reduce<Json>((n, k) => n[k] as Json, spec);
  }
  return cur;
}

/** The named examples of an operation's first 2xx JSON response. */
function examplesOf(p: Provider, path: string, method: "get" | "post"): [string, Json][] {
  const spec = specs[p];
  const op = ((spec.paths as Json)[path] as Json)[method] as { responses: Json };
  const code = Object.keys(op.responses).find((c) => c.startsWith("2")) as string;
  const content = deref(spec, op.responses[code]).content as Json;
  const json = content["application/json"] as { examples?: Json; example?: unknown };
  if (json.examples) return Object.entries(json.examples).map(([name, ex]) => [name, deref(spec, ex).value as Json]);
  return [["(example)", json.example as Json]];
}

let prism: Record<Provider, PrismHandle>;

beforeAll(async () => {
  const handles = await Promise.all(PROVIDERS.map((p) => startPrism(specPath(p))));
  prism = Object.fromEntries(PROVIDERS.map((p, i) => [p, handles[i]])) as Record<Provider, PrismHandle>;
});
afterAll(async () => {
  await Promise.all(Object.values(prism ?? {}).map((h) => h.close()));
});

/** An exchange Prism refused (a request the spec does not allow). */
interface Rejection {
  url: string;
  status: number;
  detail: string;
}

/** A facade over one adapter that asks Prism for `prefer`, counting requests and noting rejections. */
function facade(p: Provider, prefer?: string) {
  const log = { requests: 0, rejected: [] as Rejection[] };
  const opts: AdapterOptions = {
    apiKey: KEY[p],
    baseUrl: prism[p].url,
    fetch: async (input) => {
      log.requests++;
      let req = input as Request;
      // OnePin's outputs of a finished run come from its download call, whose example is named `zip`.
      if (prefer && new URL(req.url).pathname.endsWith("/download")) {
        req = new Request(req, { headers: { ...Object.fromEntries(req.headers), prefer: "example=zip" } });
      }
      const res = await fetch(req);
      const violations = res.headers.get("sl-violations");
      if (violations || (res.headers.get("content-type") ?? "").includes("problem+json")) {
        log.rejected.push({ url: req.url, status: res.status, detail: violations ?? (await res.clone().text()) });
      }
      return res;
    },
  };
  if (prefer) opts.headers = { Prefer: prefer };
  const adapters: Record<Provider, () => RunProvider> = {
    magnific: () => magnific(opts),
    onepin: () => onepin(opts),
    wondercat: () => wondercat(opts),
    modelslab: () => modelslab(opts),
  };
  const rs: RunStatus = createRunStatus({ providers: [adapters[p]()], defaults: { minInterval: 50, maxInterval: 100 } });
  return { rs, log };
}

describe.each(PROVIDERS)("%s through the facade against Prism", (p) => {
  const examples = examplesOf(p, P[p].statusPath, "get");

  it("the spec has status examples for every state in the table", () => {
    const seen = new Set(examples.map(([, body]) => P[p].status(body)));
    // Wondercat documents one spelling of cancelled in its run enum; either counts.
    const required = Object.keys(STATES[p]).filter((s) => !(p === "wondercat" && s === "cancelled"));
    expect([...seen].filter((s) => required.includes(s)).sort()).toEqual(required.sort());
  });

  it.each(examples)("get maps the %s example", async (name, body) => {
    const { rs, log } = facade(p, `example=${name}`);
    const run = await rs.get(P[p].ref);
    const raw = P[p].status(body);
    // The run keeps the ids it was asked for, even where an example's body names another one.
    const id = P[p].ref.split(/[:/]/).at(-1) as string;
    expect(run).toMatchObject({
      provider: p,
      ref: P[p].ref,
      id,
      providerStatus: raw,
      state: STATES[p][raw] ?? "unknown",
    });
    expect(run.terminal).toBe(["succeeded", "partial", "failed", "cancelled"].includes(run.state));
    expect(run.outputs.map((o) => ({ url: o.url, kind: o.kind }))).toEqual(P[p].outputs(body));
    if (run.state === "failed") expect(run.error?.message).toMatch(/\S/);
    if (run.state === "succeeded") expect(run.error).toBeNull();
    // Magnific's URLs expire 12 hours after the asset was made (or at the token's exp_).
    if (p === "magnific") for (const o of run.outputs) expect(o.expiresAt).toEqual(expect.any(String));
    expect(log).toEqual({ requests: 1, rejected: [] });
  });

  it("wait on a terminal example returns it after one request", async () => {
    const terminal = examples.find(([, b]) => STATES[p][P[p].status(b)] === "succeeded");
    expect(terminal).toBeDefined();
    const { rs, log } = facade(p, `example=${terminal?.[0]}`);
    const updates: Run[] = [];
    const run = await rs.wait(P[p].ref, { timeout: 10_000, onUpdate: (r) => updates.push(r) });
    expect(run).toMatchObject({ ref: P[p].ref, state: "succeeded", terminal: true });
    expect(updates).toEqual([run]);
    // OnePin's status call carries no outputs: one more request reads the run's download.
    expect(log).toEqual({ requests: p === "onepin" ? 2 : 1, rejected: [] });
    if (p === "onepin") {
      expect(run.outputs).toEqual([expect.objectContaining({ kind: "file", expiresAt: "2024-04-20T14:46:01Z" })]);
    }
  });

  it("watch on a terminal example yields it once and ends", async () => {
    const failed = examples.find(([, b]) => STATES[p][P[p].status(b)] === "failed");
    const { rs, log } = facade(p, `example=${failed?.[0]}`);
    const runs: Run[] = [];
    for await (const r of rs.watch(P[p].ref)) runs.push(r);
    expect(runs.map((r) => r.state)).toEqual(["failed"]);
    expect(log.requests).toBe(1);
  });

  it("start returns the reference of the run the spec's example started", async () => {
    const { rs, log } = facade(p);
    const [, accepted] = examplesOf(p, P[p].startPath, "post")[0] as [string, Json];
    const ref = await rs.start(p, P[p].target, P[p].input);
    expect(ref).toBe(P[p].refOf(P[p].startedId(accepted)));
    expect(rs.resolve(ref).ids.at(-1)).toBe(P[p].startedId(accepted));
    // ModelsLab reads the workflow's schema first, to send numbers where it says number.
    expect(log).toEqual({ requests: p === "modelslab" ? 2 : 1, rejected: [] });
  });
});
