import { type StartInput, UsageError } from "@runstatus/core";
import type { WondercatRunInput, WondercatStartRunRequest } from "./wondercat-types.js";

const FORM = '<stepReferenceId>.<targetField>=<value> (e.g. step_abc.prompt="a red fox")';
const MAX_VARIATION_PROMPT = 5000;

const usage = (message: string): never => {
  throw new UsageError(`wondercat: ${message}`, { provider: "wondercat" });
};

/**
 * What `start` accepts for Wondercat: run inputs keyed `<stepReferenceId>.<targetField>` (values
 * are sent as strings) and the documented top-level options.
 */
export type WondercatStartInput = {
  readonly [input: `${string}.${string}`]: string | number | boolean;
  readonly variationPrompt?: string;
  readonly variationLlm?: string;
  readonly skipMissingTextInputs?: boolean | "true" | "false";
  readonly skipMissingMediaInputs?: boolean | "true" | "false";
};

/**
 * Turns flat `key=value` inputs into the start-run body. A dotted key is one run input, split at
 * its first dot (step reference ids carry no dot in any example; a target field might), with the
 * value sent as a string as documented. The documented top-level options are accepted by name.
 * Anything else is a UsageError before any request is made.
 */
export function wondercatStartBody(input: StartInput): WondercatStartRunRequest {
  const body: WondercatStartRunRequest = {};
  const inputs: WondercatRunInput[] = [];
  for (const [key, value] of Object.entries(input)) {
    const text = String(value);
    const dot = key.indexOf(".");
    if (dot >= 0) {
      const stepReferenceId = key.slice(0, dot).trim();
      const targetField = key.slice(dot + 1).trim();
      if (stepReferenceId === "" || targetField === "") usage(`input ${JSON.stringify(key)} needs both parts of ${FORM}`);
      inputs.push({ stepReferenceId, targetField, value: text });
    } else if (key === "variationPrompt") {
      if (text.length > MAX_VARIATION_PROMPT) {
        usage(`variationPrompt is ${text.length} characters; the API accepts at most ${MAX_VARIATION_PROMPT}`);
      }
      body.variationPrompt = text;
    } else if (key === "variationLlm") {
      body.variationLlm = text;
    } else if (key === "skipMissingTextInputs" || key === "skipMissingMediaInputs") {
      body[key] =
        text === "true" || (text !== "false" && usage(`${key} must be true or false, got ${JSON.stringify(text.slice(0, 40))}`));
    } else {
      usage(
        `input ${JSON.stringify(key)} is not of the form ${FORM}; top-level options: variationPrompt, variationLlm, skipMissingTextInputs, skipMissingMediaInputs`,
      );
    }
  }
  if (inputs.length > 0) body.inputs = inputs;
  return body;
}
