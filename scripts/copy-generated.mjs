#!/usr/bin/env node
// tsc does not emit .d.ts inputs, so after `tsc -p tsconfig.build.json` a provider package's
// dist/ would import ./generated/schema.js types that are not there. Copies src/generated/*.d.ts
// into dist/generated/. Run from a package directory (its build script does).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const from = join(process.cwd(), "src", "generated");
const to = join(process.cwd(), "dist", "generated");
if (existsSync(from)) {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith(".d.ts")) copyFileSync(join(from, f), join(to, f));
}
