// Where the specs live, how they map to packages, and how a spec's text becomes a document.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { SpecError } from "./errors.mjs";

/** The repository root (scripts/lib/../..). Every helper also accepts another root, for tests. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** specs/<provider>.yaml is the only naming rule: the file name is the provider and the package folder. */
export function specFile(provider) {
  return `specs/${provider}.yaml`;
}

/** Providers with a spec in the working tree, sorted. */
export function listProviders(root = repoRoot) {
  const dir = join(root, "specs");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "redocly.yaml")
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** The npm name of a provider's package (from its package.json), else `@runstatus/<provider>`. */
export function packageName(provider, root = repoRoot) {
  const pj = join(root, "packages", provider, "package.json");
  if (existsSync(pj)) {
    try {
      const name = JSON.parse(readFileSync(pj, "utf8")).name;
      if (typeof name === "string" && name) return name;
    } catch {
      // fall through: a broken package.json is reported by the tools that read it for real
    }
  }
  return `@runstatus/${provider}`;
}

export function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Parses a spec's YAML text. A syntax error (or a duplicate key) becomes a SpecError naming the
 * file, line and column, with rule `yaml-syntax`; a document that is not an OpenAPI 3.x object
 * becomes rule `openapi-root`.
 */
export function parseSpec(text, file) {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, merge: false });
  if (doc.errors.length > 0) {
    throw new SpecError(
      // The first few: after a syntax error the parser reports knock-on errors further down.
      doc.errors.slice(0, 5).map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? null,
        col: e.linePos?.[0]?.col ?? null,
        rule: "yaml-syntax",
        message: `${e.code}: ${firstLine(e.message)}`,
      })),
      { intro: `${file} does not parse:` },
    );
  }
  const value = doc.toJS({ maxAliasCount: 100 });
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof value.openapi !== "string") {
    throw new SpecError(
      [{ file, line: 1, col: 1, rule: "openapi-root", message: "not an OpenAPI document (no `openapi` field)" }],
      {
        intro: `${file} is not an OpenAPI document:`,
      },
    );
  }
  if (!/^3\./.test(value.openapi)) {
    throw new SpecError(
      [{ file, line: 1, col: 1, rule: "openapi-root", message: `OpenAPI ${value.openapi} is not supported (3.x only)` }],
      { intro: `${file} is not an OpenAPI 3 document:` },
    );
  }
  return value;
}

/** `{ file, version, sha256 }` of a spec text: what the generated package records as its provenance. */
export function provenance(provider, text) {
  let version = "unknown";
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    const v = doc.getIn(["info", "version"]);
    if (typeof v === "string" || typeof v === "number") version = String(v);
  } catch {
    // an unparseable spec never reaches generation; keep "unknown" for callers that only want a hash
  }
  return { file: specFile(provider), version, sha256: sha256(text) };
}

function firstLine(s) {
  return String(s)
    .split("\n")[0]
    .replace(/ at line \d+, column \d+:?$/, "")
    .trim();
}
