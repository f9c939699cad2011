#!/usr/bin/env node
// Regenerates packages/<provider>/src/generated/schema.d.ts from specs/<provider>.yaml.
// Usage: node scripts/generate.mjs [provider...]   (no argument: every spec)
// The spec is linted first; a spec that fails lint stops here and nothing is written.
// Output is deterministic: the header records the spec's info.version and a hash of its
// bytes, never a timestamp, so regenerating an unchanged spec changes nothing.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSpec } from "./lint-specs.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function specInfo(provider, text = readFileSync(join(root, "specs", `${provider}.yaml`), "utf8")) {
  const version = /^\s{2}version:\s*["']?([^"'\n]+)["']?\s*$/m.exec(text)?.[1] ?? "unknown";
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { file: `specs/${provider}.yaml`, version, sha256 };
}

export async function generate(provider) {
  const specPath = join(root, "specs", `${provider}.yaml`);
  if (!existsSync(specPath)) throw new Error(`no spec at specs/${provider}.yaml`);
  const problems = await lintSpec(specPath);
  if (problems.length > 0) {
    const err = new Error(`specs/${provider}.yaml fails lint; nothing was written:\n${problems.join("\n")}`);
    err.lint = problems;
    throw err;
  }
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const text = readFileSync(specPath, "utf8");
  const info = specInfo(provider, text);
  const ast = await openapiTS(new URL(`file://${specPath}`), { alphabetize: false });
  const body = astToString(ast);
  const header = [
    "/**",
    ` * GENERATED FILE - DO NOT EDIT. Run \`pnpm generate\` to rebuild it from ${info.file}.`,
    ` * spec-version: ${info.version}`,
    ` * spec-sha256: ${info.sha256}`,
    " */",
    "",
  ].join("\n");
  const outDir = join(root, "packages", provider, "src", "generated");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "schema.d.ts"), header + body);
  writeFileSync(
    join(outDir, "spec.ts"),
    [
      `// GENERATED FILE - DO NOT EDIT. Run \`pnpm generate\` to rebuild it from ${info.file}.`,
      "/** Which spec this package's types were generated from. */",
      `export const SPEC = { file: ${JSON.stringify(info.file)}, version: ${JSON.stringify(info.version)}, sha256: ${JSON.stringify(info.sha256)} } as const;`,
      "",
    ].join("\n"),
  );
  return join(outDir, "schema.d.ts");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const providers = args.length
    ? args
    : readdirSync(join(root, "specs"))
        .filter((f) => f.endsWith(".yaml") && f !== "redocly.yaml")
        .map((f) => f.replace(/\.yaml$/, ""));
  let failed = false;
  for (const p of providers) {
    try {
      const out = await generate(p);
      console.log(`generated ${out.slice(root.length + 1)}`);
    } catch (err) {
      failed = true;
      console.error(err.message);
    }
  }
  process.exit(failed ? 1 : 0);
}
