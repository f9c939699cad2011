import { type StartInput, UsageError } from "@runstatus/core";
import type { MagnificRunAppRequest } from "./magnific-types.js";

/**
 * The `start` input key that becomes the body's `webhook` field instead of an app input.
 * App input ids look like `input-<uuid>-<n>`, so this name cannot collide with one.
 */
export const WEBHOOK_INPUT_KEY = "webhook";

/**
 * What `start` accepts for Magnific: the app's inputs by id (strings or numbers), and `webhook`,
 * the URL the run reports to.
 */
export type MagnificStartInput = Readonly<Record<string, string | number>> & { readonly webhook?: string };

/**
 * Turns `<input id>=<value>` inputs into the run call's body; values must be strings or numbers
 * (what the run call accepts), and a `webhook` input must be an http(s) URL.
 */
export function magnificStartBody(input: StartInput): MagnificRunAppRequest {
  const { [WEBHOOK_INPUT_KEY]: webhook, ...rest } = input;
  const inputs: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === "boolean") {
      throw new UsageError(`magnific: input "${key}" must be a string or a number, not a boolean`, { provider: "magnific" });
    }
    inputs[key] = value;
  }
  if (webhook === undefined) return { inputs };
  let ok = false;
  try {
    ok = typeof webhook === "string" && /^https?:$/.test(new URL(webhook).protocol);
  } catch {}
  if (!ok) {
    throw new UsageError(`magnific: input "${WEBHOOK_INPUT_KEY}" must be an absolute http(s) URL`, { provider: "magnific" });
  }
  return { inputs, webhook: webhook as string };
}
