/**
 * GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/magnific.yaml.
 * spec-version: 1.0.0
 * spec-sha256: 707925e96fd1540992d6fbd3549db4b4906236dc521e66a6746f8df23cf7a15f
 */
export interface paths {
    "/v1/ai/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List apps
         * @description Lists the workflow apps available to the organisation. Magnific's OpenAPI declares one
         *     query parameter, `search`, and a required `data` array whose example items carry `sqid`,
         *     `name` and `tool_metadata`. No pagination is declared (a third-party client's `page` and
         *     `perPage` are unverified and not modelled).
         */
        get: operations["listApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/me/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your apps
         * @description The apps the caller owns, drafts included.
         */
        get: operations["listMyApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/apps/{app-id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get app
         * @description The app definition, its inputs (keys for the run call) and its credit cost per run.
         */
        get: operations["getApp"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/apps/{app-id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run app
         * @description Starts a run of the app and returns at once with the run's identifier; poll
         *     `GET /v1/ai/apps/runs/{run-id}` with it, or pass `webhook` to be notified. Magnific's
         *     OpenAPI gives 202. Unlike the `GET` calls, the response is not wrapped in `data`.
         *     Input values that fail validation are answered 422 with no body; a malformed request is
         *     400.
         */
        post: operations["runApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ai/apps/runs/{run-id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get run
         * @description Status and results of one run: the status call to poll. Note the path: runs live under
         *     `/apps/runs/{run-id}`, not under `/apps/{app-id}/runs/…`. On `completed` read `result`; on
         *     `failed` read `error_message`. Asset URLs in `result` are temporary and valid for 12 hours.
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
}
export interface webhooks {
    runEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run event
         * @description Sent as an HTTP POST to the `webhook` URL given when the run was started: `initialized`
         *     when the run starts, then one of `finished` or `failed` when it ends. The event schema the
         *     run-app page links to is not published: which field names the event, whether
         *     `completed_with_errors` sends `finished` or `failed` and whether a cancelled run sends
         *     anything are unknown, and so are retries and signing (a community source claims
         *     Standard-Webhooks HMAC signatures; unverified). Only `run_id` is relied on; `event` and
         *     `status` are read where present.
         */
        post: operations["runEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        AppListResponse: {
            data: components["schemas"]["AppSummary"][];
        };
        /**
         * @description An app in the list. Magnific's OpenAPI shows `sqid`, `name` and `tool_metadata` in its
         *     examples without marking them required, so all three are optional here.
         */
        AppSummary: {
            /** @description The app id (the `{app-id}` of the other calls). */
            sqid?: string;
            name?: string;
            tool_metadata?: components["schemas"]["ToolMetadata"];
        } & {
            [key: string]: unknown;
        };
        MyAppListResponse: {
            data: components["schemas"]["MyApp"][];
        };
        /** @description An app the caller owns (drafts included). */
        MyApp: {
            sqid?: string;
            name?: string;
        } & {
            [key: string]: unknown;
        };
        AppResponse: {
            data: components["schemas"]["App"];
        };
        App: {
            /**
             * @description The app id.
             * @example uqzQLDr2Aw
             */
            sqid: string;
            /** @example Sketch to Realism */
            name: string;
            inputs: components["schemas"]["AppInput"][];
            tool_metadata: components["schemas"]["ToolMetadata"];
        };
        /**
         * @description One input of the app. The run call's `inputs` is keyed by this `id`. The docs call it a
         *     "UUID", but every example is `input-<uuid>-<n>`, and a community client reports that
         *     `key`-style names were expected (X3, Q7); the documented `id` is what this spec uses.
         */
        AppInput: {
            /**
             * @description Key to use in the run call's `inputs`.
             * @example input-4050c3f3-8a26-4953-97a8-cb97bceb4816-1
             */
            id: string;
            /** @example image */
            key: string;
            /**
             * @description Documented values: `creation` (an image/media URL, a base64 string or an existing
             *     creation's sqid), `text` (a string), `number` (a number), `select` (one of the allowed
             *     values; the options list is not shown in any example). Clients must tolerate other values.
             * @enum {string}
             */
            type: "creation" | "text" | "number" | "select";
            /** @example Image */
            label: string;
            /** @description Input configuration; null when not applicable (e.g. for `text` inputs). */
            config: components["schemas"]["InputConfig"] | null;
            /** @description UUID of the node in Magnific Spaces. */
            nodeId: string;
            /** @description Default value; `null` or `""` in the examples. */
            default: unknown;
            required: boolean;
            presentation: {
                /** @example textarea */
                mode?: string;
                /** @example text */
                type?: string;
            } | null;
        };
        InputConfig: {
            /**
             * @description Media kind a `creation` input takes.
             * @enum {string}
             */
            mediaType?: "image" | "video" | "audio";
            /** @description The allowed values of a `select` input. */
            options?: unknown[];
        } & {
            [key: string]: unknown;
        };
        ToolMetadata: {
            /** @example workflow */
            icon: string;
            description_key: string | null;
            translation_key: string | null;
            /** @example general */
            category: string;
            /** @example 999 */
            sort_order: number;
            /** @description Credits charged per run of the app. */
            total_cost: number;
        };
        RunAppRequest: {
            /**
             * @description Map from an input's `id` (from `GET /v1/ai/apps/{app-id}`) to its value: a string (text,
             *     select, or for `creation` a URL, base64 data or a creation sqid) or a number (X3).
             */
            inputs: {
                [key: string]: string | number;
            };
            /**
             * Format: uri
             * @description Optional URL that receives the run's events (`initialized`, then `finished` or `failed`).
             */
            webhook?: string;
        };
        /** @description The run call's answer. Bare, not wrapped in `data` (X1). */
        RunAccepted: {
            /**
             * @description Always `running` here, whatever the run's state (X2): poll the run for its real status.
             * @enum {string}
             */
            status: "running";
            /**
             * @description The new run's id; the `{run-id}` of `GET /v1/ai/apps/runs/{run-id}` and `run_id` in webhook events.
             * @example omps2OH829
             */
            workflow_run_identifier: string;
        };
        /**
         * @description Wrapped in `data` as documented (X1); the get-run page also shows the inner run object
         *     alone, which is the example of `data`, not an unwrapped response.
         */
        RunResponse: {
            data: components["schemas"]["Run"];
        };
        /**
         * @description `pending` (queued, not started), `running` (executing), `completed` (finished; `result`
         *     holds the download URLs), `completed_with_errors` (finished but some nodes failed),
         *     `failed` (see `error_message`), `cancelled`. The last four are final (inferred for
         *     `completed_with_errors` and `cancelled`). This is the get-run vocabulary only: the run call
         *     answers `running` and webhooks use `initialized`/`finished`/`failed` (X2). Clients must
         *     tolerate values not listed here.
         * @enum {string}
         */
        RunStatus: "pending" | "running" | "completed" | "completed_with_errors" | "failed" | "cancelled";
        /**
         * @description One run. Magnific reports no steps or progress. `result` is null while the run is in
         *     progress or when it failed (Magnific's OpenAPI); `started_at` null while pending is
         *     inferred, not documented.
         */
        Run: {
            /** @example omps2OH829 */
            run_id: string;
            status: components["schemas"]["RunStatus"];
            /** @example uqzQLDr2Aw */
            app_id: string;
            /** Format: date-time */
            started_at: string | null;
            /**
             * Format: date-time
             * @description null until the run ends.
             */
            completed_at: string | null;
            /** @description Why the run failed (set when `failed`; may be set when `completed_with_errors`). */
            error_message: string | null;
            /** @description The run's assets; null while the run is in progress or when it failed. */
            result?: components["schemas"]["RunResult"] | null;
        };
        /** @description Assets by media kind; there is no mime type field, the array says the kind. */
        RunResult: {
            images: components["schemas"]["Asset"][];
            videos: components["schemas"]["Asset"][];
            audios: components["schemas"]["Asset"][];
        };
        /**
         * @description One produced file. The page's schema-level example uses generated placeholder values
         *     (width 6, a duration on an image); no constraints are derived from it.
         */
        Asset: {
            /** @example LSFgqqrswO */
            id: string;
            /**
             * Format: uri
             * @description Temporary signed URL, valid for 12 hours. Example URLs carry a
             *     `token=exp_<unix seconds>~hmac_<…>` query string; the `exp_` part is read as the expiry
             *     where present (inferred from the format).
             */
            url: string;
            /**
             * @description The tool that produced it.
             * @example text-to-image
             */
            tool: string;
            /** @description Length in seconds (unit inferred from the examples, Q9); null for images. */
            duration: number | null;
            /** @description Pixels. Documented as a number; null is allowed because audio has no dimensions (Q9). */
            width: number | null;
            /** @description Pixels. Documented as a number; null is allowed because audio has no dimensions (Q9). */
            height: number | null;
            /**
             * Format: date-time
             * @description The URL stops working 12 hours after this instant.
             */
            created_at: string;
        };
        /**
         * @description A webhook delivery. Only `run_id` (equal to `workflow_run_identifier`) and, for a finished
         *     run, `result` are documented; everything else is unknown, so other fields are allowed.
         */
        RunWebhookEvent: {
            run_id: string;
            /**
             * @description The event name (`initialized`, `finished`, `failed`). The field name is inferred: the
             *     documentation names the events but not the field that carries them.
             */
            event?: string;
            /**
             * @description The run status in the get-run vocabulary, if the payload carries one (inferred from the
             *     community note that task webhooks repeat the get body).
             */
            status?: string;
            result?: components["schemas"]["RunResult"];
        } & {
            [key: string]: unknown;
        };
        /** @description A 400 as `application/problem+json`, naming each parameter that failed. */
        ProblemError: {
            message: string;
            invalid_params: {
                name: string;
                reason: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description The `{message}` error body Magnific's OpenAPI declares for the Apps operations. There is
         *     no error code field.
         */
        Error: {
            message: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /**
         * @description The request is malformed (not JSON, no `inputs` object, a bad `webhook`). A `{message}`
         *     body, or `application/problem+json` with `invalid_params`.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
                "application/problem+json": components["schemas"]["ProblemError"];
            };
        };
        /** @description Missing or invalid API key (also for `Authorization: Bearer`). Body shape inferred (Q2). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not authorised for this run (declared on get-run only). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No app with this id. No body. */
        AppNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No run with this id. */
        RunNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description Rate limited. An assumption: no Apps operation in Magnific's OpenAPI declares 429. The
         *     Freepik-era page gives 50 hits per second over 5 s and 10 per second on average over 2
         *     minutes, per IP and per key.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
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
        /** @description Temporarily unavailable; try again later. */
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
         * @description Identifier (SQID, a short opaque alphanumeric string) of the app. Treat it as opaque.
         * @example uqzQLDr2Aw
         */
        AppId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Not documented by Magnific (Q8); declared because a community client reads it on 429.
         *     Seconds to wait, or an HTTP date.
         * @example 2
         */
        "Retry-After": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listApps: {
        parameters: {
            query?: {
                /**
                 * @description Case-insensitive substring match on the app name.
                 * @example sketch
                 */
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The apps. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppListResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your apps. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyAppListResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier (SQID, a short opaque alphanumeric string) of the app. Treat it as opaque.
                 * @example uqzQLDr2Aw
                 */
                "app-id": components["parameters"]["AppId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The app definition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["AppNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    runApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier (SQID, a short opaque alphanumeric string) of the app. Treat it as opaque.
                 * @example uqzQLDr2Aw
                 */
                "app-id": components["parameters"]["AppId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunAppRequest"];
            };
        };
        responses: {
            /** @description Accepted; the run was created. */
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
            404: components["responses"]["AppNotFound"];
            /** @description Validation error on input values (an unknown, missing or mistyped input). No body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier (SQID, a short opaque alphanumeric string) of the run: the
                 *     `workflow_run_identifier` returned by the run call. Treat it as opaque.
                 * @example omps2OH829
                 */
                "run-id": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's status and results. */
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
            404: components["responses"]["RunNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    runEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunWebhookEvent"];
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
