#!/usr/bin/env node
import { main } from "./cli.js";

const stopped = new Promise<string>((ok) => {
  process.once("SIGINT", () => ok("SIGINT"));
  process.once("SIGTERM", () => ok("SIGTERM"));
});

main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  stopped,
}).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`runstatus-simulator: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
