#!/usr/bin/env node
import { createRequire } from "node:module";
import { runCli } from "./cli.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const ac = new AbortController();
let interrupted = false;
const onSignal = () => {
  // First Ctrl-C aborts every wait (and its request in flight); a second one exits at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  ac.abort(new Error("interrupted"));
};
process.on("SIGINT", onSignal);
// The live display hides the cursor while it draws; show it again however the process ends.
if (process.stdout.isTTY) process.on("exit", () => process.stdout.write("\u001b[?25h"));
process.on("SIGTERM", onSignal);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: ac.signal,
  version,
});
// Exit once stdout has drained, so piped JSON is never cut off and nothing keeps the process alive.
process.stdout.write("", () => process.exit(code));
