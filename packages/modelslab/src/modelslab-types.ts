import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** `GET /`: the caller's API-enabled workflows. */
export type ModelsLabWorkflowList = Schemas["WorkflowList"];
export type ModelsLabWorkflowSummary = Schemas["WorkflowSummary"];
/** `GET /{workflow_id}`: parameters, rate limit, webhook and endpoint URLs. */
export type ModelsLabWorkflowSchema = Schemas["WorkflowSchema"];
export type ModelsLabWorkflowInfo = Schemas["WorkflowInfo"];
export type ModelsLabWorkflowParameter = Schemas["WorkflowParameter"];
/** `POST /{workflow_id}/run` body: a flat object of parameter values. */
export type ModelsLabRunRequest = Schemas["RunRequest"];
/** `POST /{workflow_id}/run` 202 answer, with the integer `execution_id`. */
export type ModelsLabRunAccepted = Schemas["RunAccepted"];
/** `GET /{workflow_id}/runs/{execution_id}`: the run (the envelope `status` is not the run status). */
export type ModelsLabExecutionResponse = Schemas["ExecutionResponse"];
export type ModelsLabExecution = Schemas["Execution"];
/** The documented execution statuses; a live server may send others (treat them as unknown). */
export type ModelsLabExecutionStatus = Schemas["ExecutionStatus"];
/** The run's outputs: `output` holds the result URLs, `proxy_links` CDN mirrors of them. */
export type ModelsLabExecutionOutput = Schemas["ExecutionOutput"];
export type ModelsLabStep = Schemas["Step"];
export type ModelsLabStepStatus = Schemas["StepStatus"];
export type ModelsLabCancelResponse = Schemas["CancelResponse"];
/** A workflow webhook delivery (`workflow.completed`; the failure event's name is not documented). */
export type ModelsLabWorkflowWebhookEvent = Schemas["WorkflowWebhookEvent"];
/** Error envelope: `message`, or the legacy misspelling `messege`. */
export type ModelsLabErrorBody = Schemas["Error"];
/** 429 body, with `retry_after` in seconds. */
export type ModelsLabRateLimitErrorBody = Schemas["RateLimitError"];
