import { UsageError } from "./errors.js";
import type { RunProvider } from "./types.js";

export interface ParsedRef {
  provider: string;
  ids: string[];
}

type Named = Pick<RunProvider, "name" | "refSegments">;

/** `formatRef("onepin", [wf, run])` → "onepin:<wf>/<run>". */
export function formatRef(provider: string, ids: readonly string[]): string {
  return `${provider}:${ids.join("/")}`;
}

/** The expected form of a provider's reference, e.g. "onepin:<workflow_id>/<run_id>". */
export function refForm(p: Named): string {
  return formatRef(
    p.name,
    p.refSegments.map((s) => `<${s}>`),
  );
}

/** Whether `p` looks like an adapter: a name, `get`, reference segments and capabilities. */
export function isRunProvider(p: unknown): p is RunProvider {
  const a = p as Partial<RunProvider> | null | undefined;
  return (
    typeof a?.get === "function" &&
    typeof a.name === "string" &&
    a.name !== "" &&
    Array.isArray(a.refSegments) &&
    a.refSegments.length > 0 &&
    typeof a.capabilities === "object" &&
    a.capabilities !== null
  );
}

const wrongIds = (p: Named, ids: unknown): boolean =>
  !Array.isArray(ids) || ids.length !== p.refSegments.length || ids.some((s) => typeof s !== "string" || s.trim() === "");

/**
 * The reference segments an adapter method was given, checked against its `refSegments` (a call
 * made without the facade may pass anything): a UsageError naming the form, never a request.
 */
export function checkIds(p: Named, ids: readonly string[]): string[] {
  if (wrongIds(p, ids)) {
    throw new UsageError(`${p.name}: expected a run reference of the form ${refForm(p)}`, { provider: p.name });
  }
  return ids as string[];
}

/**
 * Parses "<provider>:<id>[/<id>…]" against the known providers. Ids are opaque: only the
 * provider and the number of non-empty segments are checked. A malformed reference is a
 * UsageError naming the expected form; it never becomes a request.
 */
export function parseRef(ref: unknown, providers: readonly Named[]): ParsedRef {
  // Built only for an error message: parsing runs on every get and poll.
  const forms = () => providers.map(refForm).join(", ") || "<provider>:<run id>";
  if (typeof ref !== "string" || ref.trim() === "") {
    throw new UsageError(`a run reference is required, in the form ${forms()}`);
  }
  const colon = ref.indexOf(":");
  if (colon <= 0) throw new UsageError(`malformed run reference ${JSON.stringify(ref)}: expected ${forms()}`);
  const name = ref.slice(0, colon);
  const provider = providers.find((p) => p.name === name);
  if (!provider) {
    throw new UsageError(
      `unknown provider ${JSON.stringify(name)} in run reference; known providers: ${providers.map((p) => p.name).join(", ") || "none configured"}`,
    );
  }
  const ids = ref.slice(colon + 1).split("/");
  if (wrongIds(provider, ids)) {
    throw new UsageError(`malformed ${name} run reference ${JSON.stringify(ref)}: expected ${refForm(provider)}`, {
      provider: name,
    });
  }
  return { provider: name, ids };
}
