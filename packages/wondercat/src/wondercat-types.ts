import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A blueprint run as `GET /runs/{runId}` returns it. */
export type WondercatRun = Schemas["Run"];
/** Documented run statuses; the provider may send others (treat as unknown). */
export type WondercatRunStatus = Schemas["RunStatus"];
export type WondercatStep = Schemas["Step"];
/** Documented step statuses; `skipped` and `locked` count as completed. */
export type WondercatStepStatus = Schemas["StepStatus"];
export type WondercatProgress = Schemas["RunProgress"];
/** One output file (in `finalOutputs` or a step's `outputs`). */
export type WondercatOutput = Schemas["Output"];
export type WondercatOutputType = Schemas["OutputType"];
/** Body of `POST /blueprints/{blueprintId}/runs`. */
export type WondercatStartRunRequest = Schemas["RunBlueprintRequest"];
/** One `<stepReferenceId>.<targetField>=<value>` override of a run. */
export type WondercatRunInput = Schemas["RunInput"];
/** Answer of `POST /blueprints/{blueprintId}/runs`. */
export type WondercatStartRunResponse = Schemas["RunBlueprintResponse"];
/** One item of `GET /blueprints/{blueprintId}/runs` (shape undocumented; see the spec). */
export type WondercatRunSummary = Schemas["RunSummary"];
export type WondercatBlueprintMetadata = Schemas["BlueprintMetadata"];
export type WondercatBlueprintInput = Schemas["BlueprintInput"];
export type WondercatBlueprintOutput = Schemas["BlueprintOutput"];
/** The error body of every operation: `{ error: { message, code, deferUntil? } }`. */
export type WondercatErrorBody = Schemas["Error"];
export type WondercatErrorDetail = Schemas["ErrorDetail"];
