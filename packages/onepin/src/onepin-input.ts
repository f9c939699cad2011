import { type StartInput, UsageError } from "@runstatus/core";
import type { OnePinStartRunRequest } from "./onepin-types.js";

/** The `--input` keys `start` accepts: the optional body of OnePin's start-run call. */
export const ONEPIN_START_INPUTS = ["script_text", "source_language"] as const;

/** What `start` accepts for OnePin: the optional overrides of the start-run call, as strings. */
export type OnePinStartInput = { readonly script_text?: string; readonly source_language?: string };

/** Start inputs → the optional start body; undefined when there is nothing to send (the body may be omitted). */
export function onePinStartBody(input: StartInput): OnePinStartRunRequest | undefined {
  const fail = (why: string): never => {
    throw new UsageError(`onepin: ${why}; allowed inputs (strings): ${ONEPIN_START_INPUTS.join(", ")}`, { provider: "onepin" });
  };
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(ONEPIN_START_INPUTS as readonly string[]).includes(key)) fail(`unknown input ${JSON.stringify(key)}`);
    if (typeof value !== "string") fail(`input ${JSON.stringify(key)} must be a string (got ${typeof value})`);
    body[key] = value as string;
  }
  return Object.keys(body).length ? body : undefined;
}
