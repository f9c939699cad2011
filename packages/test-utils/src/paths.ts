import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in packages/test-utils/src or dist). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Path of a provider's spec, e.g. specPath("onepin") → <root>/specs/onepin.yaml. */
export function specPath(provider: string): string {
  return join(repoRoot, "specs", `${provider}.yaml`);
}
