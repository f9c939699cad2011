/**
 * GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/modelslab.yaml.
 * spec-version: 1.0.0
 * spec-sha256: 2cf2497ae500cbcc1737daf3b5b74675e857ba2138c7ef7a577cb11fde74a825
 */
export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API-enabled workflows
         * @description Lists the caller's workflows that have API access enabled. This is the server URL itself
         *     (`GET /api/v1/workflows`); clients should not add a trailing slash. No pagination or
         *     query parameters are documented (Q27). The documentation lists no error responses for
         *     this call; the ones below are ModelsLab's general error codes [I].
         */
        get: operations["listWorkflows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workflow_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow's parameter schema
         * @description Returns the workflow's parameters (the keys a run request takes), its per-workflow rate
         *     limit and configured webhook URL, and the absolute URLs of its run and status endpoints.
         *     The documentation lists no error responses for this call; 404 for an unknown workflow
         *     and the general error codes are inferred [I].
         */
        get: operations["getWorkflowSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workflow_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a workflow execution
         * @description Starts an execution and returns at once (202) with its integer `execution_id`. The body is
         *     a flat JSON object of the workflow's parameters, keyed by `parameters[].key` from the
         *     workflow schema; there is no wrapper object. No per-request webhook or `track_id` field is
         *     documented: the webhook is configured on the workflow and only echoed here (Q26).
         *     Documented errors: 404 (workflow not found or API access not enabled), 422 (required
         *     parameters missing), 429 (rate limit). 400/402/403 and 5xx are ModelsLab's general error
         *     codes [I].
         */
        post: operations["runWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workflow_id}/runs/{execution_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an execution's status and results
         * @description The status call. The envelope's `status` is `success` whenever the request itself
         *     succeeded, also around a failed execution (dossier discrepancy 4): the execution's own
         *     state is `execution.status`. Results are in `output.output` once completed; `error`
         *     describes a failure. The documentation lists no error responses for this call (Q28); 404
         *     for an unknown execution and the general error codes are inferred [I].
         */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{workflow_id}/runs/{execution_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a pending or running execution
         * @description Cancels an execution that is still `pending` or `running`; it then reports `cancelled`.
         *     The success code is not stated (2xx); 200 is assumed [I]. Documented errors: 400 (the
         *     execution already completed or failed) and 404. The exact 400 body is not documented
         *     (Q28); it is assumed to use the general error envelope [I].
         */
        post: operations["cancelExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    workflowEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Workflow execution event
         * @description Sent as an HTTP POST to the workflow's configured `webhook_url` (set on the workflow, not
         *     per request) when an execution completes or fails. The completed event is documented;
         *     the failure event's name is not (`workflow.failed` is inferred), and no signature, secret,
         *     retry policy or timeout is documented. Unlike the get-execution body, the payload carries
         *     no `proxy_links`.
         */
        post: operations["workflowEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        WorkflowList: {
            /** @enum {string} */
            status: "success";
            workflows: components["schemas"]["WorkflowSummary"][];
        };
        WorkflowSummary: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string;
            /** @description Requests per minute allowed for this workflow (default 10 per user). */
            rate_limit: number;
            /** @description How many times the workflow was called through the API. */
            call_count: number;
            /**
             * Format: date-time
             * @description Null when the workflow was never called [I].
             */
            last_called_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WorkflowSchema: {
            /** @enum {string} */
            status: "success";
            workflow: components["schemas"]["WorkflowInfo"];
            parameters: components["schemas"]["WorkflowParameter"][];
            endpoints: {
                /**
                 * Format: uri
                 * @description Absolute URL of this workflow's run endpoint.
                 */
                run: string;
                /** @description Absolute URL template of the status endpoint, ending in `/runs/{id}`. */
                status: string;
            };
        };
        WorkflowInfo: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string;
            /**
             * @description Requests per minute allowed for this workflow, per user (documented default 10).
             *     This is the per-workflow limit of the Workflows overview; the general rate-limit page
             *     also describes account-wide queue limits (5/10/15 queued requests by plan), which
             *     answer 429 as well (dossier X14).
             */
            rate_limit: number;
            /**
             * Format: uri
             * @description The webhook configured on the workflow; ModelsLab POSTs results there when an
             *     execution completes or fails. Null when none is configured [I].
             */
            webhook_url: string | null;
        };
        WorkflowParameter: {
            /** @description The key to send in the run request body. */
            key: string;
            /**
             * @description The parameter's value type. `string` and `number` are the values seen in the
             *     documentation; no closed list is published, so clients must tolerate others.
             * @example string
             * @example number
             */
            type: string;
            required: boolean;
            /** @description The workflow node this parameter feeds. */
            node_id: string;
            /** @description Display name of that node. */
            node_name: string;
        };
        /**
         * @description A flat object of the workflow's parameters, keyed by `parameters[].key` of the workflow
         *     schema (no wrapper). Value types follow each parameter's `type` (a `number` parameter
         *     takes a JSON number).
         */
        RunRequest: {
            [key: string]: unknown;
        };
        RunAccepted: {
            /** @enum {string} */
            status: "success";
            /** @example Workflow execution started. */
            message: string;
            /**
             * Format: int64
             * @description The new execution's id (an integer, unlike most ids in this spec).
             */
            execution_id: number;
            /** Format: uuid */
            workflow_id: string;
            /**
             * Format: uri
             * @description Absolute URL of `getExecution` for this execution.
             */
            status_url: string;
            /**
             * Format: uri
             * @description The workflow's configured webhook URL, echoed; null when none is set.
             */
            webhook_url: string | null;
        };
        ExecutionResponse: {
            /**
             * @description Envelope status: the request succeeded. It is `success` also when the execution
             *     failed (dossier discrepancy 4); read `execution.status` for the run's state.
             * @enum {string}
             */
            status: "success";
            execution: components["schemas"]["Execution"];
            output?: components["schemas"]["ExecutionOutput"];
            /** @description Human-readable failure text; present when `execution.status` is `failed`. */
            error?: string;
            /**
             * @description The steps reached so far, in order. A running or failed execution lists only the steps
             *     it reached, so this is not the workflow's full step count. Every documented example
             *     carries `steps`, hence required here; clients should still tolerate its absence [I].
             */
            steps: components["schemas"]["Step"][];
        };
        Execution: {
            /** Format: int64 */
            id: number;
            /** Format: uuid */
            workflow_id: string;
            status: components["schemas"]["ExecutionStatus"];
            /**
             * Format: date-time
             * @description Null before the execution starts [I].
             */
            started_at: string | null;
            /**
             * Format: date-time
             * @description Null until the execution ends.
             */
            completed_at: string | null;
            /** @description Run time in seconds (e.g. 15.234); null until the execution ends. */
            execution_time: number | null;
        };
        /**
         * @description The execution's state: `pending` (queued), `running`, `completed` (outputs in
         *     `output.output`), `failed` (`error` set), `cancelled` (by the user through
         *     `cancelExecution`). These five values are the documented table; clients must tolerate
         *     unknown values, since a provider can add states. Terminal: completed, failed, cancelled
         *     [I from the table].
         * @enum {string}
         */
        ExecutionStatus: "pending" | "running" | "completed" | "failed" | "cancelled";
        /**
         * @description A webhook delivery. The documented completed event carries `event`, `execution_id`,
         *     `workflow_id`, `status`, `output.output` and `completed_at`; a failed execution also
         *     posts, under an undocumented event name, so other values and fields are allowed.
         */
        WorkflowWebhookEvent: {
            /** @description `workflow.completed` (documented); the failure event name is not documented. */
            event: string;
            execution_id: number;
            workflow_id: string;
            /** @description The execution status, in the get-execution vocabulary (`completed`, `failed`). */
            status?: string;
            output?: {
                output: string[];
            } & {
                [key: string]: unknown;
            };
            /** Format: date-time */
            completed_at?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Present once the execution completed. */
        ExecutionOutput: {
            /**
             * @description The result URLs (on cdn.modelslab.com). No mime type, dimensions or duration are
             *     given; the file extension tells the kind. Expiry is not documented for workflow
             *     results (other ModelsLab endpoints state 24 h; Q29).
             */
            output: string[];
            /**
             * @description CDN mirrors of `output` (the same files, not extra results). An array here, while
             *     other ModelsLab generation APIs send an object keyed "0", "1", … (dossier X15).
             *     Whether it always mirrors `output` one to one is not documented (Q29).
             */
            proxy_links?: string[];
            /** @enum {string} */
            status?: "success";
        };
        Step: {
            /** @description The node's display name, e.g. "Text to Image". Steps carry no id. */
            name: string;
            status: components["schemas"]["StepStatus"];
            /** Format: date-time */
            started_at: string | null;
            /** Format: date-time */
            completed_at: string | null;
        };
        /**
         * @description A step's state. The documentation types it as a free string and shows only `completed`,
         *     `running` and `failed`; `pending` and `cancelled` are listed by analogy with
         *     `ExecutionStatus` [I]. Clients must tolerate unknown values.
         * @enum {string}
         */
        StepStatus: "pending" | "running" | "completed" | "failed" | "cancelled";
        CancelResponse: {
            /** @enum {string} */
            status: "success";
            /** @example Execution cancelled. */
            message: string;
        };
        /**
         * @description ModelsLab's error envelope. The text is in `message`; some legacy endpoints spell the
         *     key `messege`. Both are optional here: read `message`, then `messege`. No machine-readable
         *     error code and no request id are documented.
         */
        Error: {
            /** @enum {string} */
            status: "error";
            message?: string;
            /** @description Legacy misspelling of `message` sent by some ModelsLab endpoints. */
            messege?: string;
        };
        /**
         * @description The 429 body: the error envelope plus `retry_after`. No `Retry-After` header is
         *     documented; an `X-RateLimit-Reset` header (unix seconds) may come with it.
         */
        RateLimitError: {
            /** @enum {string} */
            status: "error";
            message?: string;
            /** @description Legacy misspelling of `message` sent by some ModelsLab endpoints. */
            messege?: string;
            /**
             * @description How long to wait before sending again, in seconds. The unit is not stated; the
             *     documented example value 30 suggests seconds (Q30) [I].
             */
            retry_after?: number;
        };
    };
    responses: {
        /** @description Bad request parameters (general ModelsLab code). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The `key` header is missing or the key is invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Insufficient credits or expired subscription. */
        PaymentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The feature is not included in the caller's plan. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such workflow, or API access is not enabled for it. */
        WorkflowNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such execution for this workflow [I]. */
        ExecutionNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Required workflow parameters are missing. */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description Rate limited: either the workflow's per-minute limit (default 10 per user) or the
         *     account's queue limit (dossier X14). The body says when to try again in `retry_after`;
         *     ModelsLab's own CLI instead reads an `X-RateLimit-Reset` header.
         */
        TooManyRequests: {
            headers: {
                /**
                 * @description When the limit resets, in unix seconds. Not in the workflow docs; ModelsLab's own CLI
                 *     reads it on 429 (and waits until then when that is under 30 s). Optional.
                 * @example 1772064118
                 */
                "X-RateLimit-Reset"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RateLimitError"];
            };
        };
        /** @description Server error (general ModelsLab code). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Temporarily unavailable (general ModelsLab code). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description The workflow's id (a UUID, as listed by `listWorkflows`).
         * @example 0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80
         */
        WorkflowId: string;
        /**
         * @description The execution's id, an integer (the `execution_id` returned by `runWorkflow`).
         * @example 12345
         */
        ExecutionId: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listWorkflows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workflows. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWorkflowSchema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id (a UUID, as listed by `listWorkflows`).
                 * @example 0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workflow's schema. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowSchema"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["WorkflowNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    runWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id (a UUID, as listed by `listWorkflows`).
                 * @example 0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunRequest"];
            };
        };
        responses: {
            /** @description The execution was accepted and queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["WorkflowNotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id (a UUID, as listed by `listWorkflows`).
                 * @example 0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The execution's id, an integer (the `execution_id` returned by `runWorkflow`).
                 * @example 12345
                 */
                execution_id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution, its steps so far and, when completed, its outputs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["ExecutionNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id (a UUID, as listed by `listWorkflows`).
                 * @example 0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The execution's id, an integer (the `execution_id` returned by `runWorkflow`).
                 * @example 12345
                 */
                execution_id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution was cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelResponse"];
                };
            };
            /** @description The execution already finished (completed or failed) and cannot be cancelled. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["ExecutionNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    workflowEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowWebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
