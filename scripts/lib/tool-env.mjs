// The environment every repo script hands to the tools it runs:
// - telemetry of turbo and Redocly off;
// - a `pnpm` on PATH. turbo looks for the package manager's binary by name, but on a fresh
//   machine pnpm exists only through `corepack pnpm`; a two-line shim in .tmp/bin (ignored by git)
//   forwards to the same pnpm that runs this script (or to corepack).
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** argv prefix that runs this repo's pnpm: the running one when started by pnpm, else corepack. */
export function pnpmCommand() {
  const exec = process.env.npm_execpath;
  return exec && /pnpm/.test(exec) ? [process.execPath, exec] : ["corepack", "pnpm"];
}

export function toolEnv(base = process.env) {
  const binDir = join(root, ".tmp", "bin");
  mkdirSync(binDir, { recursive: true });
  const [cmd, ...rest] = pnpmCommand();
  const line = [cmd, ...rest].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const shim = join(binDir, "pnpm");
  writeFileSync(shim, `#!/bin/sh\nexec ${line} "$@"\n`);
  chmodSync(shim, 0o755);
  return {
    ...base,
    PATH: [binDir, join(root, "node_modules", ".bin"), base.PATH ?? ""].join(delimiter),
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    REDOCLY_TELEMETRY: "off",
    COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
  };
}

/** True when node_modules is missing or older than the lockfile (the demo and the tests install then). */
export function needsInstall() {
  const marker = join(root, "node_modules", ".modules.yaml");
  return !existsSync(marker) || statSync(join(root, "pnpm-lock.yaml")).mtimeMs > statSync(marker).mtimeMs;
}
