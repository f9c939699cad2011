// The three mistakes of a first hour, made on purpose, and what each error says: a malformed
// reference, a wrong key, a base URL without its path. Every error is a RunStatusError with a
// `kind`; an ApiError also has the HTTP `status`.
//
//   RUNSTATUS_ONEPIN_BASE_URL=http://127.0.0.1:4100/onepin node mistakes.ts <workflow_id>
//
// (a simulator started with `--key onepin=sim-onepin-key`, so that another key is refused).
import { ApiError, createRunStatus, RunStatusError } from "runstatus";
import { onepin } from "runstatus/onepin";

const workflowId = process.argv[2] ?? "7c9e6679-7425-40de-944b-e07fc1f90ae7";
// biome-ignore lint/suspicious/noUndeclaredEnvVars: the variable a user sets; read here only to derive a wrong one
const baseUrl = process.env.RUNSTATUS_ONEPIN_BASE_URL ?? "https://api.onepin.ai";

async function attempt(what: string, action: () => Promise<unknown>) {
  try {
    await action();
    console.log(`${what}: no error`);
  } catch (err) {
    if (!RunStatusError.is(err)) throw err;
    const status = err instanceof ApiError ? ` ${err.status}` : "";
    console.log(`${what}: ${err.name} (kind ${err.kind}${status})\n  ${err.message}`);
  }
}

// 1. A reference with one segment where OnePin needs two: refused before any request.
const rs = createRunStatus({ providers: [onepin()] });
await attempt("bad ref", () => rs.get(`onepin:${workflowId}`));

// 2. A key the server refuses: the provider's 401, never retried, and the key is not in the message.
const wrongKey = createRunStatus({ providers: [onepin({ apiKey: "op_live_not_my_key" })] });
await attempt("bad key", () => wrongKey.start("onepin", workflowId));

// 3. The server's root instead of the provider's base URL (here: without its `/onepin` path).
const rootOnly = new URL("/", baseUrl).href;
const wrongBase = createRunStatus({ providers: [onepin({ baseUrl: rootOnly, apiKey: "sim-onepin-key" })] });
await attempt("bad base URL", () => wrongBase.start("onepin", workflowId));
