import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The environment for npm and the programs of an install: npm run by `npx` or `pnpm` inherits their
 * npm_config_* (local_prefix among them, which would point the install at the repo), so only the
 * registry and the user's npmrc are kept; `extra` is added.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k) || /^npm_config_(registry|userconfig)$/i.test(k)),
  );
  delete env.NODE_OPTIONS;
  delete env.NODE_PATH;
  return { ...env, ...extra };
}

/** `npm install` of packed tarballs into the folder `app`, preferring npm's cache; rejects with npm's output. */
export async function npmInstallTarballs(app: string, tarballs: readonly string[]): Promise<void> {
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--fetch-timeout=30000", ...tarballs],
    {
      // A hung registry connection ends the install instead of the hook's timeout, which would leave npm running.
      timeout: 100_000,
      cwd: app,
      env: cleanEnv(),
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((e: { stdout?: string; stderr?: string }) => {
    throw new Error(`npm install of the tarballs failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  });
}
