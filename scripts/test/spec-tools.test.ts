// spec:diff, spec:changeset and check-changeset on temporary git repositories.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main as checkChangesetMain } from "../check-changeset.mjs";
import { resolveBase } from "../lib/git.mjs";
import { main as specChangesetMain } from "../spec-changeset.mjs";
import { main as specDiffMain } from "../spec-diff.mjs";
import { cleanupRepos, commitAll, git, makeRepo, miniSpecText, providerFiles, read, sink, write } from "./helpers.js";

afterAll(cleanupRepos);

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), "..");

// Three edits of the mini spec, one of each class.
const addStatus = (t: string) =>
  t.replace("enum: [pending, running, completed, failed]", "enum: [pending, running, completed, failed, queued]");
const addOptionalField = (t: string) =>
  t.replace("        started_at:\n", "        eta_seconds:\n          type: integer\n        started_at:\n");
const reword = (t: string) => t.replace("summary: Get a run", "summary: Read one run");

async function diffJson(root: string, args: string[] = []) {
  const out = sink();
  const code = await specDiffMain([...args, "--json"], { root, out });
  return { code, report: JSON.parse(out.text()) };
}

function changesetFiles(root: string): string[] {
  const dir = join(root, ".changeset");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".md") && f !== "README.md")
        .sort()
    : [];
}

describe("base selection", () => {
  it("uses the merge base on a branch, HEAD on main with uncommitted spec edits, HEAD~1 on a clean main", () => {
    const root = makeRepo(providerFiles("mini"));
    const first = git(root, "rev-parse", "HEAD").trim();
    expect(resolveBase(root).sha).toBeNull(); // main's first commit: nothing to compare with
    write(root, "specs/mini.yaml", reword(miniSpecText));
    expect(resolveBase(root)).toMatchObject({ sha: first, label: expect.stringMatching(/uncommitted/) });
    commitAll(root, "reword");
    expect(resolveBase(root)).toMatchObject({ sha: first, label: expect.stringMatching(/HEAD~1/) });
    const second = git(root, "rev-parse", "HEAD").trim();
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(reword(miniSpecText)));
    commitAll(root, "feature work");
    expect(resolveBase(root)).toMatchObject({ sha: second, label: expect.stringMatching(/merge base/) });
    expect(resolveBase(root, first).sha).toBe(first);
    expect(() => resolveBase(root, "no-such-ref")).toThrow(/unknown git ref "no-such-ref"/);
  });

  it("without a main branch there is no base, and the tools say so instead of failing", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "branch", "-m", "trunk");
    const out = sink();
    expect(await specDiffMain([], { root, out })).toBe(0);
    expect(out.text()).toMatch(/no base: no `main` branch/);
    const cc = sink();
    expect(await checkChangesetMain([], { root, out: cc, err: sink() })).toBe(0);
    expect(cc.text()).toMatch(/passing without a check/);
  });
});

describe("spec:diff", () => {
  it("lists changes grouped by provider, operation and schema, each classified, with the bump", async () => {
    const root = makeRepo({ ...providerFiles("mini"), ...providerFiles("other") });
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", reword(addOptionalField(addStatus(miniSpecText))));
    const out = sink();
    expect(await specDiffMain([], { root, out })).toBe(0);
    const text = out.text();
    expect(text).toMatch(
      /^mini {2}specs\/mini\.yaml {2}version 1\.0\.0 {2}→ {2}@runstatus\/mini: major \(1 breaking, 1 additive, 1 docs-only\)$/m,
    );
    expect(text).toMatch(/^ {2}GET \/runs\/\{run_id\} \(getRun\)\n {4}docs {6}summary changed$/m);
    expect(text).toMatch(
      /^ {2}schema RunStatus \(used by GET \/runs\/\{run_id\}, POST \/runs\)\n {4}breaking {2}new value "queued" in a response enum/m,
    );
    expect(text).toMatch(/^ {2}schema Run .*\n {4}additive {2}`eta_seconds`: new optional field$/m);
    expect(text).toMatch(/^other {2}specs\/other\.yaml: unchanged$/m);
  });

  it("--json gives the same report for machines; a provider argument narrows it", async () => {
    const root = makeRepo({ ...providerFiles("mini"), ...providerFiles("other") });
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    const { report } = await diffJson(root, ["mini"]);
    expect(report.base.sha).toBe(git(root, "rev-parse", "main").trim());
    expect(report.providers).toHaveLength(1);
    expect(report.providers[0]).toMatchObject({
      provider: "mini",
      package: "@runstatus/mini",
      status: "changed",
      bump: "major",
      counts: { breaking: 1, additive: 0, docs: 0 },
    });
    expect(report.providers[0].changes[0]).toMatchObject({ kind: "breaking", scope: "schema", target: "RunStatus" });
  });

  it("--fail-on-breaking exits 1 only when something is breaking", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addOptionalField(miniSpecText));
    expect(await specDiffMain(["--fail-on-breaking"], { root, out: sink() })).toBe(0);
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    expect(await specDiffMain(["--fail-on-breaking"], { root, out: sink() })).toBe(1);
  });

  it("--base takes any ref; a spec absent at the base is all additive", async () => {
    const root = makeRepo({ "README.md": "x\n" });
    const empty = git(root, "rev-parse", "HEAD").trim();
    for (const [p, c] of Object.entries(providerFiles("mini"))) write(root, p, c);
    commitAll(root, "add mini");
    const { report } = await diffJson(root, ["--base", empty.slice(0, 10)]);
    const p = report.providers[0];
    expect(p).toMatchObject({ status: "added", bump: "minor", counts: { breaking: 0 } });
    expect(p.changes.filter((c: { message: string }) => c.message === "new operation")).toHaveLength(2);
  });

  it("a spec that does not parse stops it with file, line and rule", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(
      root,
      "specs/mini.yaml",
      miniSpecText.replace("    get:\n      operationId: getRun", "    get:\n     operationId: getRun"),
    );
    const err = await specDiffMain([], { root, out: sink() }).catch((e) => e);
    expect(err.name).toBe("SpecError");
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/^specs\/mini\.yaml:\d+:\d+ yaml-syntax /m);
  });

  it("a spec that fails lint stops it with file, line and rule", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    // Two operations with the same operationId: a Redocly error.
    write(root, "specs/mini.yaml", miniSpecText.replace("operationId: startRun", "operationId: getRun"));
    const err = await specDiffMain([], { root, out: sink() }).catch((e) => e);
    expect(err.name).toBe("SpecError");
    expect(err.message).toMatch(/^specs\/mini\.yaml:\d+:\d+ operation-operationId-unique /m);
  });

  it("an unknown provider or option is a usage error (exit 2) naming what is known", async () => {
    const root = makeRepo(providerFiles("mini"));
    await expect(specDiffMain(["nope"], { root, out: sink() })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/unknown provider "nope"; specs: mini/),
    });
    await expect(specDiffMain(["--frobnicate"], { root, out: sink() })).rejects.toMatchObject({ exitCode: 2 });
  });

  it("the command line prints one clear line and exits 2 on a bad ref, without a stack trace", () => {
    const res = spawnSync(process.execPath, [join(scriptsDir, "spec-diff.mjs"), "--base", "no-such-ref-anywhere"], {
      encoding: "utf8",
    });
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe('--base: unknown git ref "no-such-ref-anywhere"');
  });
});

describe("spec:changeset", () => {
  it("writes one changeset per changed spec with the right bump and the change list; a re-run adds nothing", async () => {
    const root = makeRepo({ ...providerFiles("mini"), ...providerFiles("other") });
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    write(root, "specs/other.yaml", reword(miniSpecText));
    const out = sink();
    expect(await specChangesetMain([], { root, out })).toBe(0);
    const files = changesetFiles(root);
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^spec-(mini|other)-[0-9a-f]{8}\.md$/.test(f))).toBe(true);
    const mini = read(root, `.changeset/${files.find((f) => f.startsWith("spec-mini-"))}`);
    expect(mini).toMatch(
      /^---\n"@runstatus\/mini": major\n---\n\nmini: `specs\/mini\.yaml` version 1\.0\.0 \(1 breaking, 0 additive, 0 docs-only\)\./,
    );
    expect(mini).toMatch(/- breaking: new value "queued" in a response enum/);
    const other = read(root, `.changeset/${files.find((f) => f.startsWith("spec-other-"))}`);
    expect(other).toMatch(/^---\n"@runstatus\/other": patch\n---/);
    // Same state, same files, same bytes.
    const again = sink();
    await specChangesetMain([], { root, out: again });
    expect(changesetFiles(root)).toEqual(files);
    expect(again.text()).toMatch(/up to date/);
  });

  it("after further edits it replaces the changeset it wrote on this branch instead of adding a second one", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", reword(miniSpecText));
    await specChangesetMain([], { root, out: sink() });
    const [first] = changesetFiles(root);
    expect(read(root, `.changeset/${first}`)).toMatch(/"@runstatus\/mini": patch/);
    write(root, "specs/mini.yaml", addOptionalField(reword(miniSpecText)));
    await specChangesetMain([], { root, out: sink() });
    const files = changesetFiles(root);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(first);
    expect(read(root, `.changeset/${files[0]}`)).toMatch(/"@runstatus\/mini": minor/);
  });

  it("adds the facade when the provider's adapter changed too (minor), and not for generated files only", async () => {
    const root = makeRepo({
      ...providerFiles("mini"),
      "packages/runstatus/package.json": '{ "name": "runstatus", "version": "0.1.0" }\n',
    });
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    write(root, "packages/mini/src/generated/schema.d.ts", "export {};\n");
    await specChangesetMain([], { root, out: sink() });
    let [file] = changesetFiles(root);
    expect(read(root, `.changeset/${file}`)).not.toMatch(/"runstatus"/);
    write(root, "packages/mini/src/mini-adapter.ts", "export const adapter = 2;\n");
    await specChangesetMain([], { root, out: sink() });
    [file] = changesetFiles(root);
    const text = read(root, `.changeset/${file}`);
    expect(text).toMatch(/^---\n"@runstatus\/mini": major\n"runstatus": minor\n---/);
    expect(text).toMatch(/runstatus: the mini adapter changed with this spec \(packages\/mini\/src\/mini-adapter\.ts\)/);
  });

  it("--dry-run writes nothing", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    const out = sink();
    await specChangesetMain(["--dry-run"], { root, out });
    expect(out.text()).toMatch(/would write \.changeset\/spec-mini-[0-9a-f]{8}\.md: @runstatus\/mini major/);
    expect(changesetFiles(root)).toEqual([]);
  });
});

describe("check-changeset (CI)", () => {
  it("fails naming the spec when it changed without a changeset, passes once spec:changeset wrote one", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    commitAll(root, "spec change only");
    const err = sink();
    expect(await checkChangesetMain([], { root, out: sink(), err })).toBe(1);
    expect(err.text()).toMatch(
      /specs\/mini\.yaml changed since [0-9a-f]{8} .* but no changeset releases @runstatus\/mini: run `pnpm spec:changeset`.*needs major/,
    );
    await specChangesetMain([], { root, out: sink() });
    commitAll(root, "changeset");
    const ok = sink();
    expect(await checkChangesetMain([], { root, out: ok, err: sink() })).toBe(0);
    expect(ok.text()).toMatch(/@runstatus\/mini major in \.changeset\/spec-mini-/);
  });

  it("fails when the changeset's bump is smaller than the diff requires", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addStatus(miniSpecText));
    write(root, ".changeset/hand-written.md", '---\n"@runstatus/mini": patch\n---\n\nTypo.\n');
    const err = sink();
    expect(await checkChangesetMain([], { root, out: sink(), err })).toBe(1);
    expect(err.text()).toMatch(/@runstatus\/mini needs a major release, but \.changeset\/hand-written\.md only give\(s\) patch/);
  });

  it("a changeset already pending at the base does not cover a new spec change", async () => {
    const root = makeRepo({ ...providerFiles("mini"), ".changeset/old.md": '---\n"@runstatus/mini": major\n---\n\nEarlier.\n' });
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "specs/mini.yaml", addOptionalField(miniSpecText));
    expect(await checkChangesetMain([], { root, out: sink(), err: sink() })).toBe(1);
  });

  it("passes when no spec changed", async () => {
    const root = makeRepo(providerFiles("mini"));
    git(root, "checkout", "-q", "-b", "feature");
    write(root, "packages/mini/src/mini-adapter.ts", "export const adapter = 3;\n");
    commitAll(root, "adapter only");
    const out = sink();
    expect(await checkChangesetMain([], { root, out, err: sink() })).toBe(0);
    expect(out.text()).toMatch(/no spec changed/);
  });
});
