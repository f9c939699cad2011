#!/usr/bin/env node
// Regenerates packages/<provider>/src/generated/{schema.d.ts,spec.ts} from specs/<provider>.yaml
// and records the spec's provenance in the package's package.json ("x-spec").
// Usage: node scripts/generate.mjs [provider...]   (no argument: every spec)
// Every spec is parsed and linted, and every file rendered, before anything is written: a spec
// that does not parse or fails lint stops the run with file, line and rule, and nothing is written.
// Output is deterministic: the spec's info.version and a hash of its bytes, never a timestamp,
// so regenerating an unchanged spec changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runMain, ToolError, UsageError } from "./lib/errors.mjs";
import { listProviders, provenance, repoRoot, specFile } from "./lib/specs.mjs";
import { assertSpecLints } from "./lint-specs.mjs";

/** `{ file, version, sha256 }` of a provider's spec (the working-tree file unless `text` is given). */
export function specInfo(provider, text, { root = repoRoot } = {}) {
  return provenance(provider, text ?? readFileSync(join(root, specFile(provider)), "utf8"));
}

/**
 * Renders every generated file of one provider without writing anything.
 * Returns `{ provider, info, files: [{ path, content }] }` with paths relative to `root`.
 * Throws a SpecError when the spec does not parse or fails lint.
 */
export async function render(provider, { root = repoRoot, lint = true } = {}) {
  const specPath = join(root, specFile(provider));
  if (!existsSync(specPath)) throw new UsageError(`no spec at ${specFile(provider)}`);
  if (lint) assertSpecLints(specPath, { root, intro: `${specFile(provider)} fails lint; nothing was written:` });
  const text = readFileSync(specPath, "utf8");
  const info = provenance(provider, text);
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: false, silent: true });
  const header = [
    "/**",
    ` * GENERATED FILE - DO NOT EDIT. Run \`pnpm generate\` to rebuild it from ${info.file}.`,
    ` * spec-version: ${info.version}`,
    ` * spec-sha256: ${info.sha256}`,
    " */",
    "",
  ].join("\n");
  const genDir = `packages/${provider}/src/generated`;
  const files = [
    { path: `${genDir}/schema.d.ts`, content: header + astToString(ast) },
    {
      path: `${genDir}/spec.ts`,
      content: [
        `// GENERATED FILE - DO NOT EDIT. Run \`pnpm generate\` to rebuild it from ${info.file}.`,
        "/** Which spec this package's types were generated from. */",
        `export const SPEC = { file: ${JSON.stringify(info.file)}, version: ${JSON.stringify(info.version)}, sha256: ${JSON.stringify(info.sha256)} } as const;`,
        "",
      ].join("\n"),
    },
  ];
  const pkgPath = `packages/${provider}/package.json`;
  if (existsSync(join(root, pkgPath))) {
    files.push({ path: pkgPath, content: withSpecField(readFileSync(join(root, pkgPath), "utf8"), info) });
  }
  return { provider, info, files };
}

/**
 * Sets `"x-spec": { file, version, sha256 }` in a package.json text, keeping every other key
 * where it was (a new field goes right after "version"), so the result is byte-stable.
 */
export function withSpecField(pkgText, info) {
  const pkg = JSON.parse(pkgText);
  const value = { file: info.file, version: info.version, sha256: info.sha256 };
  let out;
  if (Object.hasOwn(pkg, "x-spec")) {
    out = { ...pkg, "x-spec": value };
  } else {
    out = {};
    for (const [k, v] of Object.entries(pkg)) {
      out[k] = v;
      if (k === "version") out["x-spec"] = value;
    }
    if (!Object.hasOwn(out, "x-spec")) out["x-spec"] = value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Writes rendered files; only files whose content differs are touched. Returns the paths written. */
export function writeRendered(rendered, { root = repoRoot } = {}) {
  const written = [];
  for (const f of rendered.files) {
    const abs = join(root, f.path);
    if (existsSync(abs) && readFileSync(abs, "utf8") === f.content) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.content);
    written.push(f.path);
  }
  return written;
}

/** Regenerates one provider. Returns the absolute path of its schema.d.ts. Writes nothing on a bad spec. */
export async function generate(provider, { root = repoRoot } = {}) {
  const rendered = await render(provider, { root });
  writeRendered(rendered, { root });
  return join(root, "packages", provider, "src", "generated", "schema.d.ts");
}

/** Renders every given provider first and writes only when all of them rendered. */
export async function generateAll(providers, { root = repoRoot } = {}) {
  const rendered = [];
  const failures = [];
  for (const p of providers) {
    try {
      rendered.push(await render(p, { root }));
    } catch (err) {
      if (!(err instanceof ToolError)) throw err;
      failures.push(err.message);
    }
  }
  if (failures.length > 0) {
    throw new ToolError(`${failures.join("\n")}\ngenerate: nothing was written (${failures.length} spec(s) failed).`);
  }
  return rendered.map((r) => ({ provider: r.provider, written: writeRendered(r, { root }) }));
}

async function main(args) {
  const known = listProviders();
  for (const a of args) {
    if (!known.includes(a)) throw new UsageError(`generate: unknown provider "${a}"; specs: ${known.join(", ") || "none"}`);
  }
  const results = await generateAll(args.length ? args : known);
  for (const r of results) {
    console.log(r.written.length ? `${r.provider}: wrote ${r.written.join(", ")}` : `${r.provider}: up to date`);
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain(main);
