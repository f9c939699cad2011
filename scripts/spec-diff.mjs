#!/usr/bin/env node
// pnpm spec:diff [<provider>...] [--base <git ref>] [--json] [--fail-on-breaking]
// Compares each spec in the working tree with its version at the base and lists the changes by
// operation and schema, each classified breaking / additive / docs-only, with the version bump
// the provider package needs. Default base: the merge base of HEAD and main; on main itself,
// HEAD when specs/ has uncommitted changes, else HEAD~1 (see scripts/lib/git.mjs).
// Exit codes: 0 done (whatever changed); 1 a spec does not parse or fails lint, or
// --fail-on-breaking and a change is breaking; 2 bad arguments (unknown provider, option or ref).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runMain, UsageError } from "./lib/errors.mjs";
import { formatReport } from "./lib/format.mjs";
import { buildReport } from "./lib/report.mjs";
import { repoRoot } from "./lib/specs.mjs";

const HELP = `usage: pnpm spec:diff [<provider>...] [--base <git ref>] [--json] [--fail-on-breaking]

  <provider>          only these specs (specs/<provider>.yaml); default: all
  --base <ref>        compare with this commit-ish (default: merge base of HEAD and main;
                      on main: HEAD with uncommitted spec edits, else HEAD~1)
  --json              machine-readable report on stdout
  --fail-on-breaking  exit 1 when any change is breaking
`;

export function parseCli(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: "string" },
        json: { type: "boolean", default: false },
        "fail-on-breaking": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err.message}\n${HELP}`);
  }
}

export async function main(argv, { root = repoRoot, out = process.stdout } = {}) {
  const { values, positionals } = parseCli(argv);
  if (values.help) {
    out.write(HELP);
    return 0;
  }
  const report = buildReport({ root, base: values.base, providers: positionals });
  out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  const breaking = report.providers.some((p) => p.counts.breaking > 0);
  return values["fail-on-breaking"] && breaking ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
