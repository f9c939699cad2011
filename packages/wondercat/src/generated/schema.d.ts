/**
 * GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/wondercat.yaml.
 * spec-version: 1.0.0
 * spec-sha256: 700147ca2037dd9dce866051c9b5483feabd89377a4cecdc32bf17db5308f644
 */
export interface paths {
    "/blueprints/{blueprintId}/runs": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
                 * @example bp_xyz
                 */
                blueprintId: components["parameters"]["BlueprintId"];
            };
            cookie?: never;
        };
        /**
         * List a blueprint's runs
         * @description The blueprint's run history. The documentation only says the items carry the run status
         *     and a thumbnail URL; the body shape, item fields and pagination are undocumented (open
         *     question 20). This spec models the minimum: a bare JSON array (the platform sends no
         *     envelopes elsewhere [I]) of items with `runId` and `status`, plus optional fields, and
         *     allows additional properties.
         */
        get: operations["listBlueprintRuns"];
        put?: never;
        /**
         * Start a blueprint run
         * @description Starts a run of the blueprint and answers at once with the new run's id; poll
         *     `GET /runs/{runId}` for its progress.
         *
         *     The success status code is not documented (open question 19). This spec declares
         *     `201 Created`: the call creates a run resource and answers with its id, the same shape
         *     as the platform's other create calls (`POST /blueprints` → `{blueprintId}`). Clients
         *     must accept any 2xx (the runstatus adapter does).
         */
        post: operations["startBlueprintRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description The `runId` returned when the run was started. Prefixed (`run_…`) in every example despite the docs' "UUIDs unless noted" (X11): an opaque string.
                 * @example run_abc123
                 */
                runId: components["parameters"]["RunId"];
            };
            cookie?: never;
        };
        /**
         * Get a run's status, progress and outputs
         * @description Poll a blueprint run: its status, step progress counts, the outputs of its leaf steps
         *     (`finalOutputs`) and every step with its own outputs.
         *
         *     Each named example is one run status; with the Prism mock send
         *     `Prefer: example=<name>` (e.g. `Prefer: example=failed`).
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
    "/blueprints/{blueprintId}/metadata": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
                 * @example bp_xyz
                 */
                blueprintId: components["parameters"]["BlueprintId"];
            };
            cookie?: never;
        };
        /**
         * Get a blueprint's inputs and outputs
         * @description What a run of this blueprint accepts and produces. An input's `referenceId` and `targetField` are the `stepReferenceId` and `targetField` of a run input.
         */
        get: operations["getBlueprintMetadata"];
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
         * @description Run status. Documented values: `queued` (waiting to start), `running` (steps are
         *     executing), `succeeded` (all steps completed), `failed` (one or more steps failed).
         *     Terminal: `succeeded`, `failed`.
         *
         *     `canceled` and `cancelled` are listed although no cancel endpoint is documented and the
         *     status table does not name them (open question 18): the platform's job vocabulary uses
         *     `canceled` (one "l", X12/X16), and other providers spell it `cancelled`; both are
         *     accepted as terminal. The provider types the field as a free string: clients must
         *     tolerate values not listed here.
         * @enum {string}
         */
        RunStatus: "queued" | "running" | "succeeded" | "failed" | "canceled" | "cancelled";
        /**
         * @description Step status: the run values plus `skipped` (the step was skipped; counts as completed)
         *     and `locked` (the step is locked; counts as completed). Only `succeeded` and `running`
         *     appear in the examples; `canceled`/`cancelled` for steps are an inference [I] from
         *     open question 18. A free string at the provider: clients must tolerate other values.
         * @enum {string}
         */
        StepStatus: "queued" | "running" | "succeeded" | "failed" | "skipped" | "locked" | "canceled" | "cancelled";
        /**
         * @description Where an output came from: `inference` (AI generation: image, video, audio, text), `editor` (video/audio editing), `output` (publish output with status and platform details). Whether the list is complete is open question 21; clients must tolerate other values.
         * @enum {string}
         */
        OutputType: "inference" | "editor" | "output";
        /** @description One output file. URL lifetime is not documented (open question 21). The same output (same `outputId`) can appear both in a step's `outputs` and in `finalOutputs`. */
        Output: {
            type: components["schemas"]["OutputType"];
            /** @description Opaque id, `ijo_…` (inference) or `ejo_…` (editor) in the examples. */
            outputId: string;
            /** Format: uri */
            url: string;
            /** @description e.g. `image/png`, `video/mp4`. */
            mimeType: string;
            /** @description Pixels; absent where it does not apply. */
            width?: number;
            /** @description Pixels; absent where it does not apply. */
            height?: number;
            /** @description Milliseconds; present on video (and audio) outputs in the examples. */
            durationMs?: number;
        };
        /** @description Step counts. Skipped and locked steps count as completed. */
        RunProgress: {
            totalSteps: number;
            completedSteps: number;
            failedSteps: number;
            runningSteps: number;
        };
        Step: {
            stepId: string;
            /** @description The step's reference id (the `stepReferenceId` of a run input). */
            referenceId: string;
            name: string;
            status: components["schemas"]["StepStatus"];
            /** @description Upstream steps not done yet. */
            predecessorsLeft: number;
            /** @description 1-based attempt counter. */
            attemptNo: number;
            /**
             * Format: date-time
             * @description null until the step starts (the docs show it set on started steps only [I]).
             */
            startedAt: string | null;
            /**
             * Format: date-time
             * @description null until the step ends.
             */
            completedAt: string | null;
            /** @description The step's outputs; empty while it runs. */
            outputs: components["schemas"]["Output"][];
        };
        Run: {
            runId: string;
            blueprintId: string;
            status: components["schemas"]["RunStatus"];
            /**
             * Format: date-time
             * @description The docs do not say whether it can be null; this spec allows null for a run that has not started (`queued`) [I].
             */
            startedAt: string | null;
            /**
             * Format: date-time
             * @description null until the run ends.
             */
            completedAt: string | null;
            progress: components["schemas"]["RunProgress"];
            /** @description Outputs of leaf steps only (steps with no further connected step): the end results. Intermediate outputs stay in the steps' own `outputs`. */
            finalOutputs: components["schemas"]["Output"][];
            /** @description Every step of the run, with its own outputs. */
            steps: components["schemas"]["Step"][];
        };
        RunInput: {
            /** @description An input's `referenceId` from the blueprint metadata. */
            stepReferenceId: string;
            /** @description The field to set, e.g. `prompt` or `mediaId`. */
            targetField: string;
            /** @description Always a string; media are given by media id (`med_…`). */
            value: string;
        };
        /** @description Every field is optional. */
        RunBlueprintRequest: {
            inputs?: components["schemas"]["RunInput"][];
            /** @description A natural-language variation applied to the blueprint's values. */
            variationPrompt?: string;
            /** @description The LLM used to apply `variationPrompt`. */
            variationLlm?: string;
            /** @description Skip steps whose text input is missing instead of failing. */
            skipMissingTextInputs?: boolean;
            /** @description Skip steps whose media input is missing instead of failing. */
            skipMissingMediaInputs?: boolean;
        };
        RunBlueprintResponse: {
            /** @description The new run's id; poll `GET /runs/{runId}`. */
            runId: string;
        };
        /** @description One run in a blueprint's history. The docs only say items carry the run status and a thumbnail URL (open question 20): `runId` and `status` are assumed, the other fields are optional and their names are an inference [I]; additional properties are allowed. */
        RunSummary: {
            runId: string;
            blueprintId?: string;
            status: components["schemas"]["RunStatus"];
            /** Format: uri */
            thumbnailUrl?: string | null;
            /** Format: date-time */
            startedAt?: string | null;
            /** Format: date-time */
            completedAt?: string | null;
        } & {
            [key: string]: unknown;
        };
        BlueprintInput: {
            blueprintStepId: string;
            /** @description `inferenceNode` or `inputNode` in the examples; a free string. */
            nodeType: string;
            /** @description The `targetField` of a run input. */
            targetField: string;
            /** @description The `stepReferenceId` of a run input. */
            referenceId: string;
            name: string;
            /** @description `image` or `input` in the examples; a free string. */
            stepType: string;
            /** @description The value stored in the blueprint; null when none. */
            currentValue: string | null;
            /** @description Media kind of an input node, e.g. `image`. */
            inputMediaKind?: string;
            /**
             * Format: uri
             * @description URL of the media stored in an input node.
             */
            mediaUrl?: string;
        };
        BlueprintOutput: {
            blueprintStepId: string;
            /** @description `outputNode` in the examples. */
            nodeType: string;
            /** @description `publish` in the examples. */
            stepType: string;
            referenceId: string;
            name: string;
        };
        BlueprintMetadata: {
            inputs: components["schemas"]["BlueprintInput"][];
            outputs: components["schemas"]["BlueprintOutput"][];
        };
        /** @description The official client also reads extra fields (`partialResult`, `actionCode`, `detail`, `throttled`, `updateInstructions`) and tolerates `error` being a plain string; those are not modelled here. */
        ErrorDetail: {
            message: string;
            /**
             * @description 400 `validation_error`, `bad_request`, `unknown_project`; 401 `unauthorized`;
             *     402 `payment_required`, `insufficient_credits`; 403 `forbidden`, `feature_disabled`;
             *     404 `not_found`; 409 `conflict`, `project_exists`; 410 `gone`;
             *     429 `rate_limit_exceeded`, `throttled`; 500 `internal_server_error`.
             */
            code: string;
            /** @description Sent with 429 `throttled` ("may include retry metadata such as `deferUntil`"): do not retry before it. Its place and format are undocumented (open question 22). This spec reads it inside `error` as an ISO 8601 instant, the most likely reading [I], and also accepts a number of seconds. */
            deferUntil?: string | number;
        } & {
            [key: string]: unknown;
        };
        /** @description The error body of every operation. */
        Error: {
            error: components["schemas"]["ErrorDetail"];
        };
    };
    responses: {
        /** @description The request is invalid, or `X-Wonda-Project` names no project in scope. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Missing or invalid API key. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Payment required; `insufficient_credits` when it is about credits. */
        PaymentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No access, or an account gate. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not found, or the API is not enabled for the account. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description State conflict. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Retired endpoint; the message may hold a migration hint. The newest overview retired the REST editing endpoints (X4, open question 23); whether blueprint runs follow is unknown. */
        Gone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests (`rate_limit_exceeded`), or a safety/action gate (`throttled`) that may say when to retry in `error.deferUntil`. Rate-limit numbers and `Retry-After` use are undocumented (open question 22); honour `Retry-After` when it is sent. */
        TooManyRequests: {
            headers: {
                /** @description Not documented; honoured when present. */
                "Retry-After"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Server error. */
        InternalServerError: {
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
         * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
         * @example bp_xyz
         */
        BlueprintId: string;
        /**
         * @description The `runId` returned when the run was started. Prefixed (`run_…`) in every example despite the docs' "UUIDs unless noted" (X11): an opaque string.
         * @example run_abc123
         */
        RunId: string;
        /**
         * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
         * @example launch-campaign
         */
        WondaProject: string;
        /**
         * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
         * @example acme
         */
        WondaOrg: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listBlueprintRuns: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
                 * @example bp_xyz
                 */
                blueprintId: components["parameters"]["BlueprintId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blueprint's runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunSummary"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    startBlueprintRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
                 * @example bp_xyz
                 */
                blueprintId: components["parameters"]["BlueprintId"];
            };
            cookie?: never;
        };
        /** @description Every field is optional; `{}` runs the blueprint with the values stored in it. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunBlueprintRequest"];
            };
        };
        responses: {
            /** @description The run was created and queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunBlueprintResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description The `runId` returned when the run was started. Prefixed (`run_…`) in every example despite the docs' "UUIDs unless noted" (X11): an opaque string.
                 * @example run_abc123
                 */
                runId: components["parameters"]["RunId"];
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
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getBlueprintMetadata: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Project that the request's spend is attributed to. A name that is not a project in scope answers 400 `unknown_project`.
                 * @example launch-campaign
                 */
                "X-Wonda-Project"?: components["parameters"]["WondaProject"];
                /**
                 * @description Organization context (its slug): credit holds and charges then go to the org wallet instead of the personal one.
                 * @example acme
                 */
                "X-Wonda-Org"?: components["parameters"]["WondaOrg"];
            };
            path: {
                /**
                 * @description Blueprint id. The docs say path ids are UUIDs unless noted, yet every example is a prefixed id (`bp_…`) (X11): an opaque string.
                 * @example bp_xyz
                 */
                blueprintId: components["parameters"]["BlueprintId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blueprint's inputs and outputs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlueprintMetadata"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
