/**
 * GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/onepin.yaml.
 * spec-version: 1.0.0
 * spec-sha256: d59b1ae2ea0be8d6861ad6c8681ddfc8ad7750a74ca94c42fe558dc0cf2174f5
 */
export interface paths {
    "/api/v1/workflows/{workflow_id}/runs": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        /**
         * List runs
         * @description Runs of one workflow, newest first by default. `pagination.total` is the count after
         *     filtering; ordering always adds `id ASC` as a tie-breaker.
         */
        get: operations["listRuns"];
        put?: never;
        /**
         * Start a run
         * @description Starts a run of the workflow. The body is optional and may be omitted entirely. The new
         *     run comes back in `pending` or `running`. Answers 409 when the workspace is at its
         *     concurrent-run limit or another run of this workflow is already active (limits per plan
         *     are not documented; OQ14).
         */
        post: operations["startRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/preview": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a run's cost
         * @description A dry-run credit estimate for a run of the workflow: read-only, no run is created and
         *     nothing is charged. `min_credits` at or below the balance is what lets a run start.
         *     `preview` is a literal segment in the `{run_id}` position; `run_id` is a uuid, so the two
         *     never collide.
         */
        post: operations["previewRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/summary": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        /**
         * Runs summary
         * @description Aggregate counts over the workflow's runs, filtered on `created_at`. Omit both `from` and
         *     `to` for all runs. `summary` is a literal segment in the `{run_id}` position; `run_id` is
         *     a uuid, so the two never collide.
         */
        get: operations["getRunsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Get a run
         * @description The full run, including the immutable `definition_snapshot` (the raw graph as of the run's
         *     start). Call it once; poll `getRunStatus` for progress.
         */
        get: operations["getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/status": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Get run status
         * @description Lightweight run status for polling: only the volatile state (status, step counts,
         *     timestamps, usage, error, `has_export`), no graph snapshot. Poll until `completed`,
         *     `failed` or `cancelled`. `has_export` turning true means `downloadRun` is ready.
         *     A run that is being paused reports `running` with `pause_requested_at` set.
         */
        get: operations["getRunStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/steps": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Get run steps
         * @description The per-node step log of a run. Filters AND together. With `include_result=true`, audio
         *     results carry `playback_url`s valid for 15 minutes.
         */
        get: operations["getRunSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/cancel": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run
         * @description Cancels the run at once (in-flight work may be abandoned). Permanent: a cancelled run
         *     cannot be resumed. Idempotent; a run that is already terminal comes back unchanged.
         *     The success code is documented only as 2xx; 200 is assumed.
         */
        post: operations["cancelRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/pause": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a run
         * @description Asks the run to pause. A running run finishes its current wave, then parks (it reports
         *     `running` with `pause_requested_at` set until then); a pending run parks at once.
         *     Idempotent. The success code is documented only as 2xx; 200 is assumed.
         */
        post: operations["pauseRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/resume": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused run
         * @description Resumes a `paused` run; completed nodes are never re-run. Any other status is answered
         *     409. The success code is documented only as 2xx; 200 is assumed.
         */
        post: operations["resumeRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/outputs": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Get run outputs
         * @description One logical output per sink node, in graph order. Sinks that have not finished come back
         *     with empty `lines`. The status call carries no outputs; this is where they are.
         */
        get: operations["getRunOutputs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/download": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Download a run's audio
         * @description A presigned URL of a ZIP of all the run's audio, valid 15 minutes (`expires_at`). The
         *     archive is built on the first request and cached; calling again returns a fresh URL.
         */
        get: operations["downloadRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/overview": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Run overview
         * @description Server-computed aggregates for a run (metric sections, audio by language, validator
         *     summaries) and a `workflow_snapshot` with per-node states, for a results view. The
         *     nested shapes are kept open: only the top-level keys are modelled.
         */
        get: operations["getRunOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/data": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Run data rows
         * @description Paginated script-and-audio rows, one per source script line; each row's `cards` hold the
         *     per-language audio (playback URLs valid 15 minutes) and validation scores.
         *     `pagination.total` counts rows after `search`; `language` only narrows `cards`. The
         *     response is sent with `Cache-Control: no-store`.
         */
        get: operations["getRunData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/nodes/{node_id}/download": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
                /**
                 * @description An output node's id in the run's definition snapshot.
                 * @example node-9abc
                 */
                node_id: string;
            };
            cookie?: never;
        };
        /**
         * Download one output node's audio
         * @description A presigned URL of a ZIP of one output node's audio, valid 15 minutes. 404 when the node
         *     is not an output node or produced no audio; 409 while the run is not `completed`.
         */
        get: operations["downloadRunNode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{workflow_id}/runs/{run_id}/audio/{audio_id}/url": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
                /**
                 * @description A stable output id (16 hex characters), as in `audio_files[].audio_id`.
                 * @example 4f2a9c1d8e7b6a50
                 */
                audio_id: string;
            };
            cookie?: never;
        };
        /**
         * Fresh playback URL for one audio
         * @description A new playback URL (valid 15 minutes) for one audio output, to replace an expired one.
         */
        get: operations["getAudioUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description A run's status. OnePin's own OpenAPI types `status` as a plain string; the six values
         *     here are the closed set the list filter documents (X5). Clients must tolerate values
         *     not listed here and treat them as unknown. Terminal: `completed`, `failed`,
         *     `cancelled`. A run being paused reports `running` with `pause_requested_at` set.
         * @enum {string}
         */
        RunStatus: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
        /**
         * @description Node types of a workflow graph, as OnePin's SDK lists them. The SDK's type also admits
         *     any other string, and the docs' own examples use values outside this list (`action`,
         *     `trigger`; X6), so fields that report a node type accept any string.
         * @enum {string}
         */
        NodeType: "source_script" | "operator_translator" | "operator_normalizer" | "operator_generator" | "sink_preview" | "validator_error_rate" | "validator_naturalness" | "validator_noise";
        /** @description Per-response metadata. */
        Meta: {
            /** @description Request id; its format varies (uuid, `req_…`, ULID). Quote it in support requests. */
            request_id: string;
            /** Format: date-time */
            timestamp: string;
        };
        /** @description Offset pagination with a total count. `next` / `prev` are full URLs, null at either end. */
        CountedPagination: {
            /** Format: uri */
            next?: string | null;
            /** Format: uri */
            prev?: string | null;
            limit: number;
            /** @description The number of runs matching the filters. */
            total: number;
        };
        /** @description Who started the run. */
        TriggeredBy: {
            user_id: string;
            /** @description Display name; never empty (falls back to the user's email). */
            user_name: string;
        };
        /**
         * @description The volatile state of a run, as the status call returns it (the run without `credits`).
         *     The docs' examples omit some of these fields and disagree on `usage_summary`'s keys;
         *     this follows the SDK's schema (X6).
         */
        WorkflowRunStatus: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            workflow_id: string;
            status: components["schemas"]["RunStatus"];
            /** @description Sequence number of the run within its workflow. */
            run_number: number;
            total_nodes?: number | null;
            /** @description Steps the run will execute; null until known. */
            total_steps?: number | null;
            /** @description Steps finished so far. */
            finished_steps?: number | null;
            token_cost: number;
            /** @description Free-form usage figures; the keys differ between documentation pages and are not stable (OQ16). */
            usage_summary?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            completed_at?: string | null;
            /**
             * Format: date-time
             * @description Set while a pause is pending (status still `running`) and once paused.
             */
            pause_requested_at?: string | null;
            /** Format: date-time */
            paused_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description The failure text, when the run failed. */
            error?: string | null;
            /** @description True once the audio ZIP (`downloadRun`) is ready. */
            has_export?: boolean | null;
            triggered_by?: components["schemas"]["TriggeredBy"] | null;
        };
        /** @description A run, as start, cancel, pause and resume return it. */
        WorkflowRun: components["schemas"]["WorkflowRunStatus"] & {
            /** @description Credits charged for the run so far. */
            credits?: number | null;
        };
        /** @description A run with its definition snapshot, as `getRun` returns it. */
        WorkflowRunDetail: components["schemas"]["WorkflowRun"] & {
            /** @description The raw workflow graph as of the run's start (no migrations applied). */
            definition_snapshot?: {
                [key: string]: unknown;
            } | null;
            /** @description Sub-credit remainder lost to flooring (added in API v0.41.87). */
            credits_absorbed?: number | null;
        };
        /** @description A run as the list returns it. Unlike the full run it has no `workflow_id`, `token_cost`, `updated_at` or `error`. */
        WorkflowRunListItem: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["RunStatus"];
            run_number: number;
            total_nodes?: number | null;
            total_steps?: number | null;
            finished_steps?: number | null;
            credits?: number | null;
            usage_summary?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            pause_requested_at?: string | null;
            /** Format: date-time */
            paused_at?: string | null;
            /** Format: date-time */
            created_at: string;
            triggered_by?: components["schemas"]["TriggeredBy"] | null;
        };
        /**
         * @description A step's status. No set of values is documented: only `completed` appears in the
         *     examples (OQ10). Any other string is accepted; clients must tolerate unknown values.
         */
        StepStatus: "completed" | string;
        /** @description One execution of one node. Repeated executions of a node share `node_id` and differ in `iteration`. */
        RunStep: {
            id: string;
            node_id: string;
            /** @description A `NodeType` value; other strings are possible (X6). */
            node_type: components["schemas"]["NodeType"] | string;
            /** @description From the snapshot; repeated executions share it. */
            node_display_name?: string | null;
            status: components["schemas"]["StepStatus"];
            iteration?: number | null;
            /** Format: date-time */
            started_at?: string | null;
            /** Format: date-time */
            completed_at?: string | null;
            /** @description Null unless `include_result=true`. Audio results carry a `playback_url` valid 15 minutes. */
            result?: {
                [key: string]: unknown;
            } | null;
            /** @description Sent by newer backends only. */
            has_result?: boolean | null;
            /** @description Sent by newer backends only. */
            active_ports?: string[] | null;
            error?: string | null;
        };
        /** @description Aggregate counts over a workflow's runs. The docs example omits `paused`; the SDK schema has it (X6). */
        RunsSummary: {
            total_runs: number;
            completed: number;
            failed: number;
            cancelled: number;
            pending: number;
            running: number;
            paused: number;
            /** @description completed / (completed + failed + cancelled); null or absent when no run is terminal. */
            pass_rate?: number | null;
            /** @description Mean of (completed_at − started_at) over completed runs; null or absent when there are none. */
            average_duration_seconds?: number | null;
        };
        /**
         * @description One line of a sink's output. OnePin's SDK names `audio_files`, `recommended_audio_file_index`
         *     and `delivery`; lines are merged by a `line_id` that neither the SDK model nor this spec
         *     declares. Other keys may be present.
         */
        OutputLine: {
            /** @description Audio renditions of this line (their fields are not documented). */
            audio_files?: {
                [key: string]: unknown;
            }[];
            recommended_audio_file_index?: number | null;
            delivery?: {
                passed: boolean;
                failing_checks: components["schemas"]["DeliveryCheck"][];
            } | null;
        } & {
            [key: string]: unknown;
        };
        /** @description A delivery check a line failed. */
        DeliveryCheck: {
            /** @description The check's kind (e.g. a validator node type). */
            kind: string;
            /** @description Human-readable name of the check. */
            label: string;
            score?: number | null;
            threshold?: number | null;
        };
        /** @description The output of one sink node. `truncated` means `lines` is an incomplete prefix. */
        SinkOutput: {
            node_id: string;
            node_type: components["schemas"]["NodeType"] | string;
            display_name: string;
            status: components["schemas"]["StepStatus"];
            lines: components["schemas"]["OutputLine"][];
            line_count: number;
            truncated: boolean;
        };
        /** @description Every sink of the run, in graph order; sinks that have not finished have empty `lines`. */
        RunOutputs: {
            /** Format: uuid */
            run_id: string;
            run_status: components["schemas"]["RunStatus"];
            credits?: number | null;
            credits_absorbed?: number | null;
            outputs: components["schemas"]["SinkOutput"][];
        };
        /** @description A presigned download URL, valid 15 minutes. */
        DownloadUrl: {
            /** Format: uri */
            url: string;
            filename: string;
            /** Format: date-time */
            expires_at: string;
        };
        /** @description Optional overrides for one run; the body may be omitted entirely. */
        RunStartRequest: {
            /**
             * @description Replaces the `source_script` text in this run's snapshot only. Answered 422 unless the
             *     graph has exactly one `source_script` node.
             */
            script_text?: string;
            /**
             * @description BCP-47 language of the script (e.g. `en-us`); default is the saved language or auto-detection.
             * @example en-us
             */
            source_language?: string;
        };
        /** @description One field-level problem. */
        ErrorDetail: {
            field: string;
            message: string;
            /** @description Added in API v0.41.87. */
            line_numbers?: number[];
            /** @description Added in API v0.41.87. */
            min_chars?: number;
        };
        /**
         * @description OnePin's error envelope. `error.code` values are not published as a list; the examples
         *     use the codes OnePin's CLI reports. A 426 may add `required_version` / `minimum_version`.
         */
        ApiErrorResponse: {
            error: {
                code: string;
                message: string;
                details?: components["schemas"]["ErrorDetail"][];
                required_version?: string;
                minimum_version?: string;
            };
            meta: components["schemas"]["Meta"];
        };
        /** @description One FastAPI validation problem. */
        ValidationErrorItem: {
            loc: (string | number)[];
            msg: string;
            type: string;
            /** @description The offending input, as received. */
            input?: unknown;
            ctx?: {
                [key: string]: unknown;
            };
        };
        /**
         * @description FastAPI's default 422 body. OnePin's OpenAPI marks `detail` optional; it is required here
         *     so that a 422 body matches exactly one of the two declared shapes (X9).
         */
        HTTPValidationError: {
            detail: components["schemas"]["ValidationErrorItem"][];
        };
        RunListResponse: {
            data: components["schemas"]["WorkflowRunListItem"][];
            meta: components["schemas"]["Meta"];
            pagination: components["schemas"]["CountedPagination"];
        };
        RunResponse: {
            data: components["schemas"]["WorkflowRun"];
            meta: components["schemas"]["Meta"];
        };
        RunDetailResponse: {
            data: components["schemas"]["WorkflowRunDetail"];
            meta: components["schemas"]["Meta"];
        };
        RunStatusResponse: {
            data: components["schemas"]["WorkflowRunStatus"];
            meta: components["schemas"]["Meta"];
        };
        RunStepsResponse: {
            data: components["schemas"]["RunStep"][];
            meta: components["schemas"]["Meta"];
        };
        RunsSummaryResponse: {
            data: components["schemas"]["RunsSummary"];
            meta: components["schemas"]["Meta"];
        };
        RunOutputsResponse: {
            data: components["schemas"]["RunOutputs"];
            meta: components["schemas"]["Meta"];
        };
        DownloadUrlResponse: {
            data: components["schemas"]["DownloadUrl"];
            meta: components["schemas"]["Meta"];
        };
        /** @description A run's credit estimate (`min_credits` ≤ balance lets the run start). */
        Estimate: {
            min_credits: number;
            expected_credits: number;
            max_credits: number;
            /** @description Per-node estimates (fields not modelled). */
            breakdown: {
                [key: string]: unknown;
            }[];
            current_balance?: number | null;
            deficit_at_max?: number | null;
            can_run: boolean;
            overage_rate_cents_per_credit?: number | null;
            will_incur_overage?: boolean | null;
            estimated_overage_cents?: number | null;
        } & {
            [key: string]: unknown;
        };
        EstimateResponse: {
            data: components["schemas"]["Estimate"];
            meta: components["schemas"]["Meta"];
        };
        /** @description Dashboard aggregates of a run. Only the top-level keys are modelled; the nested objects stay open. */
        RunOverview: {
            workflow: {
                [key: string]: unknown;
            };
            run: {
                [key: string]: unknown;
            };
            share?: {
                [key: string]: unknown;
            } | null;
            metric_sections?: {
                [key: string]: unknown;
            }[] | null;
            audio_by_language?: {
                [key: string]: unknown;
            }[] | null;
            validators?: {
                [key: string]: unknown;
            }[] | null;
            workflow_snapshot: {
                [key: string]: unknown;
            };
            capabilities?: {
                [key: string]: unknown;
            } | null;
            future_links?: {
                [key: string]: unknown;
            } | null;
        } & {
            [key: string]: unknown;
        };
        RunOverviewResponse: {
            data: components["schemas"]["RunOverview"];
            meta: components["schemas"]["Meta"];
        };
        /** @description One card's audio. `playback_url` is valid 15 minutes (refresh with `getAudioUrl`). */
        RunDataAudio: {
            playback_url: string | null;
            /** @enum {string} */
            status: "available" | "not_ready" | "unsupported" | "unavailable";
            reason?: string | null;
            duration_ms?: number | null;
            content_type?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description One language's rendering of a row (validations, voice and waveform are kept open). */
        RunDataCard: {
            locale_code?: string;
            /** @description `delivered`, `generated`, `not_delivered` or `dropped`; clients must tolerate other values. */
            status?: string;
            audio?: components["schemas"]["RunDataAudio"];
        } & {
            [key: string]: unknown;
        };
        /** @description One source script line. */
        RunDataRow: {
            cards?: components["schemas"]["RunDataCard"][];
        } & {
            [key: string]: unknown;
        };
        RunData: {
            workflow_id: string;
            run_id: string;
            /** @description The run's status as a plain string (the SDK does not type it). */
            run_status: string;
            rows?: components["schemas"]["RunDataRow"][];
            /** @description Whether some data is still being computed (fields not modelled). */
            partial: {
                [key: string]: unknown;
            };
            dropped_truncated?: boolean | null;
        } & {
            [key: string]: unknown;
        };
        RunDataResponse: {
            data: components["schemas"]["RunData"];
            meta: components["schemas"]["Meta"];
            pagination: components["schemas"]["CountedPagination"];
        };
    };
    responses: {
        /** @description Missing, invalid or expired credentials. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /** @description The key lacks a scope (e.g. `workflows:run`), or `X-Workspace-Id` does not match the key's workspace. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /** @description No such workflow or run (in this workspace). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /**
         * @description The request failed validation. Both the error envelope and FastAPI's `{detail: [...]}`
         *     are declared, and which one a given 422 uses is not documented (X9, OQ13): read both.
         */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"] | components["schemas"]["HTTPValidationError"];
            };
        };
        /**
         * @description The client is below the API's version floor (sent in `X-OnePin-Required-Version`). The
         *     body may name the floor as `error.required_version` or `error.minimum_version`.
         */
        UpgradeRequired: {
            headers: {
                /**
                 * @description The lowest client version the API accepts.
                 * @example 0.16.0
                 */
                "X-OnePin-Required-Version"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /**
         * @description Too many requests. Limits, the 429 body and rate-limit headers are not documented (OQ12);
         *     the error envelope is assumed. OnePin's SDK honours `Retry-After` (seconds or an HTTP
         *     date), `retry-after-ms` and `X-RateLimit-Reset` when present, so they are declared as
         *     optional.
         */
        RateLimited: {
            headers: {
                /**
                 * @description Seconds to wait, or an HTTP date (not documented; see OQ12).
                 * @example 2
                 */
                "Retry-After"?: string;
                /**
                 * @description Milliseconds to wait (not documented; see OQ12).
                 * @example 2000
                 */
                "retry-after-ms"?: string;
                /**
                 * @description When the window resets (not documented, format unknown; see OQ12).
                 * @example 1713623103
                 */
                "X-RateLimit-Reset"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /** @description The run is not `completed` yet. */
        NotCompleted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
        /** @description A server-side failure. Worth retrying with backoff. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ApiErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The workflow's id.
         * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
         */
        WorkflowId: string;
        /**
         * @description The run's id.
         * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
         */
        RunId: string;
        /**
         * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
         *     key the workspace comes from the key, and a header that does not match it is answered
         *     403. With a Clerk token it selects the workspace.
         * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
         */
        WorkspaceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listRuns: {
        parameters: {
            query?: {
                /** @description Zero-based offset of the first run to return. */
                offset?: number;
                /**
                 * @description Page size, 1–100. The API's default when omitted is not documented (the docs example
                 *     shows 20, the CLI sends 50; OQ11), so no default is declared here.
                 */
                limit?: number;
                /**
                 * @description Comma-separated run statuses, lowercase and case-sensitive, OR-matched
                 *     (e.g. `running,paused`). An unknown value or an empty token (`a,,b`) is answered 422.
                 *     Modelled as a pattern over the six documented statuses rather than an exploded array,
                 *     because the API takes one comma-joined value.
                 * @example running,paused
                 */
                status?: string;
                /** @description Case-insensitive match on the triggering user's display name (falls back to email). */
                search?: string;
                /** @description Sort key. */
                sort?: "created_at" | "started_at" | "completed_at" | "status";
                /** @description Sort direction. */
                order?: "asc" | "desc";
            };
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunListResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    startRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunStartRequest"];
            };
        };
        responses: {
            /** @description The run was accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The workspace is at its concurrent-run limit, or another run of this workflow is active. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponse"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    previewRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunStartRequest"];
            };
        };
        responses: {
            /** @description The estimate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EstimateResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunsSummary: {
        parameters: {
            query?: {
                /**
                 * @description Inclusive lower bound on `created_at`; ISO 8601 **with** a UTC offset (a naive datetime is answered 422).
                 * @example 2024-04-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Upper bound on `created_at`; ISO 8601 with a UTC offset. `from` after `to` is answered 422.
                 * @example 2024-04-30T23:59:59Z
                 */
                to?: string;
            };
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunsSummaryResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDetailResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's current status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunStatusResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunSteps: {
        parameters: {
            query?: {
                /**
                 * @description Include each step's `result`. When false (the default) `result` is null and
                 *     `has_result` / `active_ports` are projected instead.
                 */
                include_result?: boolean;
                /** @description Only steps of this node type. */
                node_type?: components["schemas"]["NodeType"];
                /**
                 * @description Only steps of this node (an id inside the definition snapshot, e.g. `node-1234`).
                 * @example node-1234
                 */
                node_id?: string;
            };
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The steps, in execution order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunStepsResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    cancelRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run after cancellation (or unchanged, when it was already terminal). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description Lost a race with another state change; the run is still active. Not retried
             *     automatically: cancel is idempotent, so sending it again is safe, but whether to do so
             *     depends on the run's new state, which the caller should read first.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponse"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    pauseRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run after the pause request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    resumeRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run, running again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description The run is not paused, or the workspace is at its concurrent-run limit (the run stays
             *     paused). Not retried automatically: neither condition clears within a retry window,
             *     and a repeated resume of a running run is answered 409 again.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponse"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunOutputs: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's outputs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunOutputsResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    downloadRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A short-lived download URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadUrlResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such run, or the run produced no audio. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponse"];
                };
            };
            /** @description The run is not `completed` yet. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponse"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunOverview: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The overview. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunOverviewResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getRunData: {
        parameters: {
            query?: {
                /** @description Case-insensitive match on each row's source text. */
                search?: string;
                /** @description Exact locale (e.g. `en-US`; `_` is read as `-`) to narrow the cards of each row. */
                language?: string;
                /** @description Include dropped cards. */
                include_dropped?: boolean;
                /** @description Zero-based offset of the first row. */
                offset?: number;
                /** @description Rows per page, 1–100. */
                limit?: number;
            };
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of rows. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunDataResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    downloadRunNode: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
                /**
                 * @description An output node's id in the run's definition snapshot.
                 * @example node-9abc
                 */
                node_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A short-lived download URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadUrlResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["NotCompleted"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getAudioUrl: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Workspace to act in (a uuid; documented as "string or null", i.e. optional). With an API
                 *     key the workspace comes from the key, and a header that does not match it is answered
                 *     403. With a Clerk token it selects the workspace.
                 * @example 0b7e2c52-3f7a-4c3e-9b1d-5a6f7e8d9c0b
                 */
                "X-Workspace-Id"?: components["parameters"]["WorkspaceId"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
                 */
                workflow_id: components["parameters"]["WorkflowId"];
                /**
                 * @description The run's id.
                 * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
                 */
                run_id: components["parameters"]["RunId"];
                /**
                 * @description A stable output id (16 hex characters), as in `audio_files[].audio_id`.
                 * @example 4f2a9c1d8e7b6a50
                 */
                audio_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A short-lived playback URL. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadUrlResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            426: components["responses"]["UpgradeRequired"];
            429: components["responses"]["RateLimited"];
            "5XX": components["responses"]["ServerError"];
        };
    };
}
