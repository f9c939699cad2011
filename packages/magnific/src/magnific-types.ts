import type { components, paths, webhooks } from "./generated/schema.js";

type Schemas = components["schemas"];

export type { components as MagnificComponents, paths as MagnificPaths, webhooks as MagnificWebhooks };

/** `GET /v1/ai/apps/runs/{run-id}` answers `{ data: MagnificRun }`. */
export type MagnificRunResponse = Schemas["RunResponse"];
export type MagnificRun = Schemas["Run"];
/** The get-run status vocabulary. The API may add values: compare against strings, keep a default branch. */
export type MagnificRunStatus = Schemas["RunStatus"];
/** A run's assets by kind (`images`, `videos`, `audios`). */
export type MagnificRunResult = Schemas["RunResult"];
/** One produced file; its URL is valid for 12 hours. */
export type MagnificAsset = Schemas["Asset"];

/** Body of `POST /v1/ai/apps/{app-id}/run`. */
export type MagnificRunAppRequest = Schemas["RunAppRequest"];
/** Answer of the run call: bare (not wrapped in `data`), status always `running`. */
export type MagnificRunAccepted = Schemas["RunAccepted"];

export type MagnificAppResponse = Schemas["AppResponse"];
export type MagnificApp = Schemas["App"];
export type MagnificAppInput = Schemas["AppInput"];
export type MagnificToolMetadata = Schemas["ToolMetadata"];
/** Shape inferred; the list call is not documented in detail. */
export type MagnificAppListResponse = Schemas["AppListResponse"];
export type MagnificAppSummary = Schemas["AppSummary"];

/** A webhook delivery; only `run_id` and `result` are documented. */
export type MagnificRunWebhookEvent = Schemas["RunWebhookEvent"];
/** Error body `{ message }` (Freepik-era shape; the Apps pages document none). */
export type MagnificErrorBody = Schemas["Error"];
