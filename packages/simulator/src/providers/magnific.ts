import { listTargets, type TargetInfo } from "../catalog.js";
import { isObject, iso, isoOrNull, json, keyHeader, type Reply } from "../http.js";
import { type SimRun, type SimState, stable } from "../state.js";
import { runStatus } from "../status.js";
import type { SimProvider } from "../types.js";
import {
  failedStepName,
  type HandlerContext,
  type ProviderModule,
  producedOutputs,
  requestedScenario,
  target,
} from "./shared.js";

const P: SimProvider = "magnific";
const TWELVE_HOURS = 12 * 3600 * 1000;

const err = (status: number, message: string, headers?: Record<string, string>) => json(status, { message }, headers);
/** Magnific's 404 of get-app and run, and the run call's 422 (invalid input values), carry no body. */
const bodiless = (status: number): Reply => ({ status });
const SEARCH_MAX = 200;

interface AppInput {
  id: string;
  key: string;
  type: "creation" | "text" | "number" | "select";
  label: string;
  /** Null where not applicable (text inputs). */
  config: Record<string, string> | null;
  nodeId: string;
  default: string | null;
  required: boolean;
  presentation: { mode: string; type: string } | null;
}

/** The documentation's example app for the default target; one optional prompt for the scenario apps. */
function appInputs(t: TargetInfo): AppInput[] {
  if (t.strictInputs) {
    return [
      {
        id: "input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1",
        key: "image",
        type: "creation",
        label: "Image",
        config: { mediaType: "image" },
        nodeId: "4050c3f3-8a26-4953-97a8-cb97bceb4816",
        default: null,
        required: true,
        presentation: null,
      },
      {
        id: "input-9b2d7e0a-1c3f-4e5a-8b6d-2f4a6c8e0b1d-1",
        key: "text",
        type: "text",
        label: "Text #1",
        config: null,
        nodeId: "9b2d7e0a-1c3f-4e5a-8b6d-2f4a6c8e0b1d",
        default: "",
        required: false,
        presentation: { mode: "textarea", type: "text" },
      },
    ];
  }
  return [
    {
      id: "input-5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f-1",
      key: "text",
      type: "text",
      label: "Prompt",
      config: null,
      nodeId: "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
      default: "",
      required: false,
      presentation: { mode: "textarea", type: "text" },
    },
  ];
}

function toolMetadata() {
  return {
    icon: "workflow",
    description_key: null,
    translation_key: null,
    category: "general",
    sort_order: 999,
    total_cost: 40,
  };
}

function app(t: TargetInfo) {
  return { sqid: t.id, name: t.name, inputs: appInputs(t), tool_metadata: toolMetadata() };
}

/** The get-run body's `data`. */
export function magnificRun(sim: SimState, run: SimRun) {
  const snap = sim.snapshot(run);
  const status = runStatus(P, snap.phase, sim.opts.unknownStatus);
  const finished = snap.phase === "succeeded" || snap.phase === "partial";
  const assets = { images: [] as unknown[], videos: [] as unknown[], audios: [] as unknown[] };
  if (finished) {
    for (const o of producedOutputs(P, snap, true)) {
      const exp = Math.floor((o.completedAt + TWELVE_HOURS) / 1000);
      const token = `exp_${exp}~hmac_${stable(`${run.id}/${o.file}/sig`, 32)}`;
      const asset = {
        id: stable(`${run.id}/${o.file}`, 10, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        url: `${sim.assetUrl(P, run.id, o.file)}?token=${token}`,
        tool: o.template.tool,
        duration: o.template.durationMs === null ? null : o.template.durationMs / 1000,
        width: o.template.width,
        height: o.template.height,
        created_at: iso(o.completedAt),
      };
      const list = o.template.kind === "image" ? assets.images : o.template.kind === "video" ? assets.videos : assets.audios;
      list.push(asset);
    }
  }
  let error: string | null = null;
  if (snap.phase === "failed") error = `${failedStepName(P, snap)} failed: the input could not be processed`;
  if (snap.phase === "partial") error = `1 of ${snap.steps.length} nodes failed: ${failedStepName(P, snap)} timed out`;
  return {
    run_id: run.id,
    status,
    app_id: run.target.id,
    started_at: isoOrNull(snap.startedAt),
    completed_at: isoOrNull(snap.completedAt),
    error_message: error,
    // Null while the run is in progress or when it ended without a result.
    result: finished ? assets : null,
  };
}

/** `search` is a case-insensitive substring of the name, at most 200 characters. */
function listApps({ req }: HandlerContext): Reply {
  const search = req.query.get("search");
  if (search !== null && search.length > SEARCH_MAX) return err(400, `search must be at most ${SEARCH_MAX} characters`);
  const needle = search?.toLowerCase() ?? "";
  const apps = listTargets(P).filter((t) => t.name.toLowerCase().includes(needle));
  return json(200, { data: apps.map((t) => ({ sqid: t.id, name: t.name, tool_metadata: toolMetadata() })) });
}

/** The caller's own apps: every simulated app belongs to every accepted key. */
function listMyApps(): Reply {
  return json(200, { data: listTargets(P).map((t) => ({ sqid: t.id, name: t.name })) });
}

function getApp({ params }: HandlerContext): Reply {
  const t = target(P, params.appId as string);
  return t ? json(200, { data: app(t) }) : bodiless(404);
}

function startRun({ sim, req, params }: HandlerContext): Reply {
  const t = target(P, params.appId as string);
  if (!t) return bodiless(404);
  if (req.badJson) return err(400, "Request body is not valid JSON");
  const body = req.body;
  if (!isObject(body) || body.inputs === undefined) return err(400, "inputs is required");
  if (!isObject(body.inputs)) return err(400, "inputs must be an object keyed by input id");
  if (body.webhook !== undefined && (typeof body.webhook !== "string" || !/^https?:\/\/\S+$/.test(body.webhook))) {
    return err(400, "webhook must be an absolute URL");
  }
  const defs = appInputs(t);
  // Unknown, mistyped or missing input values: 422 with no body.
  for (const [k, v] of Object.entries(body.inputs)) {
    if (!defs.some((d) => d.id === k)) return bodiless(422);
    if (typeof v !== "string" && typeof v !== "number") return bodiless(422);
  }
  for (const d of defs) {
    const v = body.inputs[d.id];
    if (d.required && (v === undefined || v === "")) return bodiless(422);
  }
  const run = sim.createRun(P, t, { scenario: requestedScenario(P, req) });
  if (typeof body.webhook === "string") sim.pusher?.track(run, body.webhook);
  return json(202, { status: "running", workflow_run_identifier: run.id });
}

function getRun({ sim, params }: HandlerContext): Reply {
  const run = sim.getRun(P, params.runId as string);
  return run ? json(200, { data: magnificRun(sim, run) }) : err(404, "Run not found");
}

export const magnific: ProviderModule = {
  provider: P,
  routes: [
    { method: "GET", pattern: "/v1/ai/apps", name: "list", handle: listApps },
    { method: "GET", pattern: "/v1/ai/me/apps", name: "mine", handle: listMyApps },
    { method: "GET", pattern: "/v1/ai/apps/runs/:runId", name: "status", handle: getRun },
    { method: "GET", pattern: "/v1/ai/apps/:appId", name: "target", handle: getApp },
    { method: "POST", pattern: "/v1/ai/apps/:appId/run", name: "start", handle: startRun },
  ],
  readKey: keyHeader("x-magnific-api-key"),
  unauthorized: (missing) => err(401, missing ? "Missing API key" : "Invalid API key"),
  noRoute: () => err(404, "Not found"),
  tooManyRequests: (f) => err(429, "Rate limit exceeded", { "Retry-After": String(f.retryAfterSec ?? 1) }),
  serverError: (status) => err(status, status === 503 ? "Service Unavailable. Please try again later." : "Internal Server Error"),
  invalid: (message) => err(400, message),
};
