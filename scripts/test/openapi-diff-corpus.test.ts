// The differ's corpus (diff-corpus/cases.mjs): every case gets the expected verdict, and every
// case about generated code is compiled with tsc against the types openapi-typescript generates
// for both sides, so "breaking by types" and "keeps compiling" are shown rather than asserted.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpecs, summarize } from "../lib/openapi-diff.mjs";
import { cases } from "./diff-corpus/cases.mjs";
import { score } from "./diff-corpus/score.mjs";

type Case = (typeof cases)[number];
const verdict = (b: object, a: object) => summarize(diffSpecs(b, a)).kind;
const typed = cases.filter((c) => c.dir !== "document");

/** The program each side compiles: request values are literals of the old spec, response values
 *  are the new types read where code expects the old ones. */
function program(c: Case, side: "b" | "a", n: number): string {
  const webhook = c.id.startsWith("webhook");
  const mod = webhook ? "webhooks" : "operations";
  const lines = [`import type { ${mod} as B } from "./c${n}.b";`, `import type { ${mod} as A } from "./c${n}.a";`];
  const S = side === "a" ? "A" : "B";
  if (webhook) {
    lines.push(`declare const n: NonNullable<${S}["w"]["post"]["requestBody"]>["content"]["application/json"];`);
    lines.push(`export const o: NonNullable<B["w"]["post"]["requestBody"]>["content"]["application/json"] = n;`);
  } else if (c.dir === "response") {
    lines.push(`declare const n: ${S}["op"]["responses"];`, `export const o: B["op"]["responses"] = n;`);
  } else if (c.at === "params") {
    lines.push(`export const v: ${S}["op"]["parameters"] = ${JSON.stringify(c.value)};`);
  } else {
    lines.push(
      `export const v: NonNullable<${S}["op"]["requestBody"]>["content"]["application/json"] = ${JSON.stringify(c.value)};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

let dir = "";
const tscBreaks = new Map<string, boolean>();
const oldErrors = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "diff-corpus-"));
  const files: string[] = [];
  for (const [n, c] of typed.entries()) {
    for (const side of ["b", "a"] as const) {
      const spec = side === "b" ? c.before : c.after;
      writeFileSync(
        join(dir, `c${n}.${side}.ts`),
        astToString(await openapiTS(structuredClone(spec) as never, { silent: true })),
      );
      const f = join(dir, `c${n}.use-${side}.ts`);
      writeFileSync(f, program(c, side, n));
      files.push(f);
    }
  }
  const prog = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const errors = (f: string) =>
    ts.getPreEmitDiagnostics(prog, prog.getSourceFile(f)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  for (const [n, c] of typed.entries()) {
    oldErrors.set(c.id, errors(join(dir, `c${n}.use-b.ts`)));
    tscBreaks.set(c.id, errors(join(dir, `c${n}.use-a.ts`)).length > 0);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("spec:diff corpus: verdicts", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(verdict(c.before, c.after)).toBe(c.expect);
    if (c.usedBy) {
      const changes = diffSpecs(c.before, c.after).filter((x) => x.kind === "breaking");
      expect(changes.length).toBeGreaterThan(0);
      for (const x of changes) expect(x.usedBy ?? [x.target]).toEqual(c.usedBy);
    }
  });

  it("scores every breaking case caught and no false alarm", () => {
    const s = score(verdict);
    console.log(
      `spec:diff corpus: ${s.caught}/${s.breaking} breaking caught, ${s.falseAlarms.length}/${s.harmless} false alarms`,
    );
    expect(s.wrong).toEqual([]);
  });
});

describe("spec:diff corpus: tsc agrees with the verdict", () => {
  it.each(typed.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(oldErrors.get(c.id)).toEqual([]);
    const breaks = tscBreaks.get(c.id);
    if (c.expect !== "breaking") expect(breaks, "a non-breaking change must keep the client compiling").toBe(false);
    else if (c.by === "types") expect(breaks, "a change breaking by types must fail to compile").toBe(true);
    else expect(breaks, "a change breaking by behaviour keeps compiling").toBe(false);
  });
});
