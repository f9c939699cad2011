import { RunStatusError, terminalSafe, UsageError, type WebhookRun } from "@runstatus/core";
import { Webhook } from "standardwebhooks";
import type { RunStatusBase } from "../run-status.js";
import { type RunEvent, WEBHOOK_PROVIDERS, type WebhookProvider } from "./run-event.js";
import { BodyError, parseShallowJson, readCapped } from "./webhook-body.js";

export interface WebhookOptions {
  /**
   * Standard-Webhooks secrets (`whsec_…`, base64) by provider. With one set, that provider's
   * deliveries must carry a valid `webhook-id`/`webhook-timestamp`/`webhook-signature` (HMAC-SHA256
   * over `id.timestamp.body`, 5 minutes of clock tolerance) or get a 401, and a verified terminal
   * payload ends the waits on its run without a confirming poll. Without one, every payload is a
   * nudge: the waits on its run poll at once and the status call decides.
   */
  secrets?: Partial<Record<WebhookProvider, string>>;
  /** Largest body accepted, bytes; larger ones get a 413 without being read. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Deepest nesting of arrays and objects accepted; deeper bodies get a 400. Default 32. */
  maxDepth?: number;
  /**
   * Called once per new event (not for duplicates, replays or a late event after a terminal one),
   * after the response was sent. What it throws is caught and logged, never seen by the sender.
   */
  onEvent?: (event: RunEvent) => void | Promise<void>;
  /** One line per delivery (outcome, provider, escaped reference); never bodies, headers or secrets. */
  log?: (line: string) => void;
}

/** A Fetch-API handler: works in Hono, Next.js route handlers, Bun, Deno, Workers and (through `toNodeListener`) Node. */
export type WebhookHandler = (request: Request) => Promise<Response>;

const reply = (status: number, error?: string) =>
  error === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify({ error }), { status, headers: { "content-type": "application/json" } });

/** A sender-controlled string for a log line: escaped, quoted and cut short. */
const quoted = (s: string) => JSON.stringify(terminalSafe(s).slice(0, 120));

/**
 * The webhook endpoint of a facade: `createWebhookHandler(rs, { secrets })`. A delivery is
 * acknowledged (204) as soon as it is read, checked and mapped by its provider's adapter; the nudge
 * (`rs.notify`) and `onEvent` run after the response. Several deliveries in any order change nothing
 * twice: a repeated `webhook-id`, a repeated state of a run, and any event after a run's terminal
 * one are acknowledged and ignored. An event for a run nobody waits on is acknowledged too.
 */
export function createWebhookHandler(rs: Pick<RunStatusBase, "notify" | "providers">, options?: WebhookOptions): WebhookHandler {
  const o = options ?? {};
  const fail = (m: string): never => {
    throw new UsageError(`createWebhookHandler: ${m}`);
  };
  if (typeof rs?.notify !== "function") fail("expected the facade from createRunStatus()");
  const providers = new Map(rs.providers.map((p) => [p.name, p] as const));
  const maxBodyBytes = o.maxBodyBytes ?? 256 * 1024;
  const maxDepth = o.maxDepth ?? 32;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) fail("maxBodyBytes must be a positive integer");
  if (!(Number.isInteger(maxDepth) && maxDepth > 0)) fail("maxDepth must be a positive integer");
  if (o.onEvent !== undefined && typeof o.onEvent !== "function") fail("onEvent must be a function");
  const verifiers = new Map<WebhookProvider, Webhook>();
  for (const [p, secret] of Object.entries(o.secrets ?? {})) {
    if (!WEBHOOK_PROVIDERS.includes(p as WebhookProvider)) fail(`secrets: ${JSON.stringify(p)} sends no webhooks`);
    try {
      verifiers.set(p as WebhookProvider, new Webhook(secret as string));
    } catch {
      // The library's message may quote the secret: say only which one is unusable.
      fail(`secrets.${p} is not a Standard-Webhooks secret (whsec_<base64>)`);
    }
  }
  const log = (line: string) => {
    try {
      o.log?.(line);
    } catch {}
  };

  /** The nudge (the facade's rules for several deliveries), then `onEvent` for a new event. */
  const dispatch = (event: RunEvent) => {
    const { waits, ignored } = rs.notify(event);
    if (ignored) {
      log(`webhook: ${event.provider} ${quoted(event.ref)} duplicate or late, ignored`);
      return;
    }
    log(`webhook: ${event.provider} ${quoted(event.ref)} ${event.state ?? "no state"}, ${waits} wait(s) told`);
    if (o.onEvent) {
      new Promise<void>((r) => r(o.onEvent?.(event))).catch(() => log("webhook: onEvent threw; the delivery stays acknowledged"));
    }
  };

  const providerOf = (url: string, body: unknown): WebhookProvider | null => {
    let last = "";
    try {
      last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
    } catch {}
    if (WEBHOOK_PROVIDERS.includes(last as WebhookProvider)) return last as WebhookProvider;
    const b = body as Record<string, unknown>;
    if (typeof b?.event === "string" && b.event.startsWith("workflow.") && "execution_id" in b) return "modelslab";
    if ("run_id" in b) return "magnific";
    return null;
  };

  return async (request) => {
    try {
      if (request.method !== "POST") return reply(405, "use POST");
      let text: string;
      try {
        text = await readCapped(request, maxBodyBytes);
      } catch (e) {
        const problem = e instanceof BodyError ? e.problem : "unreadable";
        log(`webhook: refused, body ${problem}`);
        return problem === "too-large" ? reply(413, "body too large") : reply(400, "body could not be read");
      }
      let body: unknown;
      try {
        body = parseShallowJson(text, maxDepth);
      } catch (e) {
        const deep = e instanceof BodyError && e.problem === "too-deep";
        log(`webhook: refused, body ${deep ? "nested too deep" : "not JSON"}`);
        return reply(400, deep ? "body nested too deep" : "body is not JSON");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        log("webhook: refused, body not an object");
        return reply(422, "body is not a webhook payload");
      }
      const provider = providerOf(request.url, body);
      const adapter = provider === null ? undefined : providers.get(provider);
      if (provider === null || typeof adapter?.readWebhook !== "function") {
        log("webhook: refused, no configured provider sends this payload");
        return reply(422, "body is not a webhook payload of a configured provider");
      }
      const verifier = verifiers.get(provider);
      const id = request.headers.get("webhook-id");
      if (verifier) {
        try {
          verifier.verify(text, Object.fromEntries(request.headers), { jsonParse: false });
        } catch {
          log(`webhook: refused, ${provider} signature missing or invalid`);
          return reply(401, "signature missing or invalid");
        }
      }
      let mapped: WebhookRun;
      try {
        mapped = adapter.readWebhook(body, text);
      } catch (e) {
        // Checked by kind, not by class: an adapter may come with its own copy of core.
        if (!(RunStatusError.is(e) && e.kind === "invalid_response")) throw e;
        log(`webhook: refused, not a ${provider} webhook payload`);
        return reply(422, `body is not a ${provider} webhook payload`);
      }
      const event: RunEvent = {
        provider,
        ref: mapped.run.ref,
        event: mapped.event,
        state: mapped.state,
        outputs: mapped.run.outputs,
        run: mapped.run,
        raw: body,
        verified: verifier !== undefined,
        id: id === null ? null : id.slice(0, 200),
      };
      // The work happens after the response: the sender is acknowledged at once.
      setTimeout(() => {
        try {
          dispatch(event);
        } catch {
          log("webhook: dispatch failed; the delivery stays acknowledged");
        }
      }, 0);
      return reply(204);
    } catch {
      log("webhook: internal error");
      return reply(500, "internal error");
    }
  };
}
