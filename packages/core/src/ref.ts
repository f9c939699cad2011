import { UsageError } from "./errors.js";
import type { RunProvider } from "./types.js";

export interface ParsedRef {
  provider: string;
  ids: string[];
}

/** `formatRef("onepin", [wf, run])` → "onepin:<wf>/<run>". */
export function formatRef(provider: string, ids: readonly string[]): string {
  return `${provider}:${ids.join("/")}`;
}

/** The expected form of a provider's reference, e.g. "onepin:<workflow_id>/<run_id>". */
export function refForm(p: Pick<RunProvider, "name" | "refSegments">): string {
  return `${p.name}:${p.refSegments.map((s) => `<${s}>`).join("/")}`;
}

/**
 * Parses "<provider>:<id>[/<id>…]" against the known providers. Ids are opaque: only the
 * provider and the number of non-empty segments are checked. A malformed reference is a
 * UsageError naming the expected form; it never becomes a request.
 */
export function parseRef(ref: unknown, providers: readonly Pick<RunProvider, "name" | "refSegments">[]): ParsedRef {
  const forms = providers.map(refForm).join(", ");
  if (typeof ref !== "string" || ref.trim() === "") {
    throw new UsageError(`a run reference is required, in the form ${forms || "<provider>:<run id>"}`);
  }
  const colon = ref.indexOf(":");
  if (colon <= 0) {
    throw new UsageError(`malformed run reference ${JSON.stringify(ref)}: expected ${forms || "<provider>:<run id>"}`);
  }
  const name = ref.slice(0, colon);
  const provider = providers.find((p) => p.name === name);
  if (!provider) {
    const known = providers.map((p) => p.name).join(", ");
    throw new UsageError(
      `unknown provider ${JSON.stringify(name)} in run reference; known providers: ${known || "none configured"}`,
    );
  }
  const ids = ref.slice(colon + 1).split("/");
  if (ids.length !== provider.refSegments.length || ids.some((s) => s.trim() === "")) {
    throw new UsageError(`malformed ${name} run reference ${JSON.stringify(ref)}: expected ${refForm(provider)}`, {
      provider: name,
    });
  }
  return { provider: name, ids };
}
