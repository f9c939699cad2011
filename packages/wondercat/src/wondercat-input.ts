import { type StartInput, UsageError } from "@runstatus/core";
import type { WondercatRunInput, WondercatStartRunRequest } from "./wondercat-types.js";

const FORM = '<stepReferenceId>.<targetField>=<value> (e.g. step_abc.prompt="a red fox")';
const OPTIONS = ["variationPrompt", "variationLlm", "skipMissingTextInputs", "skipMissingMediaInputs"] as const;
const MAX_VARIATION_PROMPT = 5000;

/**
 * Turns flat `key=value` inputs into the start-run body. A dotted key is one run input, split at
 * its first dot (step reference ids carry no dot in any example; a target field might), with the
 * value sent as a string as documented. The documented top-level options are accepted by name.
 * Anything else is a UsageError before any request is made.
 */
export function startBody(input: StartInput): WondercatStartRunRequest {
  if (typeof input !== "object" || input === null) {
    throw new UsageError(`wondercat: start inputs must be key=value pairs of the form ${FORM}`, { provider: "wondercat" });
  }
  const body: WondercatStartRunRequest = {};
  const inputs: WondercatRunInput[] = [];
  for (const [key, value] of Object.entries(input)) {
    const dot = key.indexOf(".");
    if (dot >= 0) {
      const stepReferenceId = key.slice(0, dot).trim();
      const targetField = key.slice(dot + 1).trim();
      if (stepReferenceId === "" || targetField === "") {
        throw usage(`input ${JSON.stringify(key)} needs both parts of ${FORM}`);
      }
      inputs.push({ stepReferenceId, targetField, value: String(value) });
      continue;
    }
    switch (key) {
      case "variationPrompt": {
        const text = String(value);
        if (text.length > MAX_VARIATION_PROMPT) {
          throw usage(`variationPrompt is ${text.length} characters; the API accepts at most ${MAX_VARIATION_PROMPT}`);
        }
        body.variationPrompt = text;
        break;
      }
      case "variationLlm":
        body.variationLlm = String(value);
        break;
      case "skipMissingTextInputs":
      case "skipMissingMediaInputs":
        body[key] = flag(key, value);
        break;
      default:
        throw usage(`input ${JSON.stringify(key)} is not of the form ${FORM}; top-level options: ${OPTIONS.join(", ")}`);
    }
  }
  if (inputs.length > 0) body.inputs = inputs;
  return body;
}

function flag(key: string, value: string | number | boolean): boolean {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw usage(`${key} must be true or false, got ${JSON.stringify(String(value).slice(0, 40))}`);
}

function usage(message: string): UsageError {
  return new UsageError(`wondercat: ${message}`, { provider: "wondercat" });
}
