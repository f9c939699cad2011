#!/usr/bin/env node
// Checks that every provider package has the same shape: the same source files and the same
// exports, named after the provider. A file or a value export that every other provider package
// has is required, as are the files and exports listed below. Prints one line per problem and
// exits 1 when there is any. Usage: node scripts/check-shape.mjs
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { runMain } from "./lib/errors.mjs";
import { listProviders, repoRoot } from "./lib/specs.mjs";

/** Files of src/ every provider package has, `<p>` standing for the provider name. */
export const SHAPE_FILES = [
  "<p>-client.ts",
  "<p>-adapter.ts",
  "<p>-map.ts",
  "<p>-input.ts",
  "<p>-error.ts",
  "<p>-types.ts",
  "index.ts",
];

/** Exports of index.ts every provider package has (compared case-insensitively). */
export const SHAPE_EXPORTS = [
  "<p>",
  "<p>_KEY_ENV",
  "<p>AdapterOptions",
  "create<p>Client",
  "<p>Client",
  "<p>ClientOptions",
  "DEFAULT_BASE_URL",
  "SPEC",
  "read<p>Error",
  "<p>StartBody",
  "<p>_STATES",
  "to<p>Run",
  "<p>Paths",
  "<p>Components",
];

/** `name` with the provider's name, in any case, replaced by `<p>`, lower-cased. */
const generic = (name, provider) => name.toLowerCase().split(provider).join("<p>");

/** The exports of a module's source: `{ name, typeOnly }` for each `export { … }` specifier and declaration. */
export function exportsOf(source) {
  const file = ts.createSourceFile("index.ts", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = [];
  for (const node of file.statements) {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const el of node.exportClause.elements) out.push({ name: el.name.text, typeOnly: node.isTypeOnly || el.isTypeOnly });
    } else if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const typeOnly = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
      if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, typeOnly });
      } else if (node.name && ts.isIdentifier(node.name)) {
        out.push({ name: node.name.text, typeOnly });
      }
    }
  }
  return out;
}

/** What one provider package has: its src/ files (tests and generated code aside) and its exports, made generic. */
function shapeOf(root, provider) {
  const src = join(root, "packages", provider, "src");
  if (!existsSync(src)) return null;
  const files = readdirSync(src)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".test-d.ts"))
    .map((f) => generic(f, provider));
  const index = join(src, "index.ts");
  const all = existsSync(index) ? exportsOf(readFileSync(index, "utf8")) : [];
  const adapter = join(src, `${provider}-adapter.ts`);
  return {
    files: new Set(files),
    exports: new Set(all.map((e) => generic(e.name, provider))),
    values: new Set(all.filter((e) => !e.typeOnly).map((e) => generic(e.name, provider))),
    definesAdapter: existsSync(adapter) && /\bdefineAdapter\(/.test(readFileSync(adapter, "utf8")),
  };
}

/** Every problem with the provider packages' shape under `root`, one sentence each. */
export function checkShape(root = repoRoot) {
  const providers = listProviders(root);
  const shapes = new Map(providers.map((p) => [p, shapeOf(root, p)]));
  const problems = [];
  const named = (generic_, p) => generic_.replace("<p>", p);
  for (const p of providers) {
    const mine = shapes.get(p);
    if (!mine) {
      problems.push(`packages/${p}: no src/ directory for specs/${p}.yaml`);
      continue;
    }
    const others = [...shapes].filter(([q, s]) => q !== p && s).map(([, s]) => s);
    const everyOther = (key) => (others.length ? [...others[0][key]].filter((x) => others.every((s) => s[key].has(x))) : []);
    const files = new Set([...SHAPE_FILES.map((f) => f.toLowerCase()), ...everyOther("files")]);
    for (const f of files) if (!mine.files.has(f)) problems.push(`packages/${p}/src: missing ${named(f, p)}`);
    const exports = new Set([...SHAPE_EXPORTS.map((e) => e.toLowerCase()), ...everyOther("values")]);
    for (const e of exports) if (!mine.exports.has(e)) problems.push(`packages/${p}/src/index.ts: missing export ${named(e, p)}`);
    if (mine.files.has("<p>-adapter.ts") && !mine.definesAdapter) {
      problems.push(`packages/${p}/src/${p}-adapter.ts: does not build its adapter with defineAdapter`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runMain(() => {
    const problems = checkShape();
    for (const line of problems) console.error(line);
    if (problems.length === 0) console.log(`provider packages: one shape (${listProviders().join(", ")})`);
    return problems.length ? 1 : 0;
  });
}
