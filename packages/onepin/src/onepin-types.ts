import type { components, operations } from "./generated/schema.js";

type Schemas = components["schemas"];

/** The six documented run statuses. The API may send others: treat any other string as unknown. */
export type OnePinRunStatus = Schemas["RunStatus"];
/** A step's status: only `completed` is documented; any string may arrive. */
export type OnePinStepStatus = Schemas["StepStatus"];
export type OnePinNodeType = Schemas["NodeType"];

/** The status call's `data`: the run's volatile state (no `credits`, no snapshot). */
export type OnePinRunSnapshot = Schemas["WorkflowRunStatus"];
/** A run as start, cancel, pause and resume return it. */
export type OnePinRun = Schemas["WorkflowRun"];
/** A run with its definition snapshot (get run). */
export type OnePinRunDetail = Schemas["WorkflowRunDetail"];
export type OnePinRunListItem = Schemas["WorkflowRunListItem"];
export type OnePinStep = Schemas["RunStep"];
export type OnePinRunsSummary = Schemas["RunsSummary"];
export type OnePinTriggeredBy = Schemas["TriggeredBy"];

/** Outputs of a run: one per sink node (get run outputs). */
export type OnePinRunOutputs = Schemas["RunOutputs"];
export type OnePinSinkOutput = Schemas["SinkOutput"];
export type OnePinOutputLine = Schemas["OutputLine"];
/** A presigned ZIP URL; `expires_at` is 15 minutes after issue. */
export type OnePinDownloadUrl = Schemas["DownloadUrl"];
/** The answer of the download calls: `{ data: download url, meta }`. */
export type OnePinDownloadUrlResponse = Schemas["DownloadUrlResponse"];

export type OnePinMeta = Schemas["Meta"];
export type OnePinPagination = Schemas["CountedPagination"];

/** `{ error: { code, message, details? }, meta }`. */
export type OnePinErrorBody = Schemas["ApiErrorResponse"];
/** FastAPI's 422 body, `{ detail: [{ loc, msg, type }] }`. */
export type OnePinValidationErrorBody = Schemas["HTTPValidationError"];
/** Any error body the API documents. */
export type OnePinAnyErrorBody = OnePinErrorBody | OnePinValidationErrorBody;

export type OnePinStartRunRequest = Schemas["RunStartRequest"];
/** 202 body of start run. */
export type OnePinStartRunResponse = operations["startRun"]["responses"][202]["content"]["application/json"];
export type OnePinRunStatusResponse = Schemas["RunStatusResponse"];
export type OnePinListRunsQuery = NonNullable<operations["listRuns"]["parameters"]["query"]>;
export type OnePinRunStepsQuery = NonNullable<operations["getRunSteps"]["parameters"]["query"]>;
