// get, start and cancel give up after 60 s by default (exit 4), in-process with the timer faked,
// against a server that accepts and never answers.
import { type HostileServer, SAMPLE_REFS, startHostileServer } from "@runstatus/test-utils";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { runCli } from "../src/cli.js";

let server: HostileServer;
beforeEach(async () => {
  server = await startHostileServer((_q, r) => r.hang());
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

const io = (out: string[]) => ({
  stdout: { write: (s: string) => out.push(s) > 0 } as unknown as NodeJS.WritableStream,
  stderr: { write: (s: string) => out.push(s) > 0 } as unknown as NodeJS.WritableStream,
  env: { ONEPIN_API_KEY: "op_live_timeout_0123456789", RUNSTATUS_ONEPIN_BASE_URL: server.url },
});
const tick = () => new Promise<void>((r) => setImmediate(r));

it.each([
  ["get", SAMPLE_REFS.onepin],
  ["cancel", SAMPLE_REFS.onepin],
  ["start", "onepin", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "--input", "script_text=x"],
])("%s gives up after 60 s without --timeout: exit 4", async (...argv) => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const out: string[] = [];
  let code: number | null = null;
  const done = runCli(argv, io(out)).then((c) => {
    code = c;
  });
  while (server.requests.length === 0) await tick();
  vi.advanceTimersByTime(59_999);
  for (let i = 0; i < 20; i++) await tick();
  expect(code).toBeNull();
  vi.advanceTimersByTime(1);
  await done;
  expect(code).toBe(4);
  expect(out.join("")).toContain("gave up waiting after 60000 ms for onepin");
});
