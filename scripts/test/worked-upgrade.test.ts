// A worked spec upgrade, on a copy of the repository: OnePin's spec gains a run status,
// loses a response field the adapter reads (`finished_steps` of the status call) and gains an
// optional field. The tooling must classify each change, ask for a major release, make the
// type checker fail in the mapping, and the facade must still read a run in the new status.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { onepin } from "@runstatus/onepin";
import { createRunStatus } from "runstatus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { git } from "./helpers.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
const SPEC = "specs/onepin.yaml";
const STATUS_ENUM = ["components", "schemas", "RunStatus", "enum"];
const STATUS_DATA = ["components", "schemas", "WorkflowRunStatus"];

let root = "";

/**
 * Copies what the upgrade path touches; node_modules is linked, not copied. Type-checking a
 * package needs its dependencies built (turbo: typecheck dependsOn ^build), so core's and
 * test-utils' dist come from the repository's build (`corepack pnpm build`, which the test
 * command runs first).
 */
function copyRepo(): string {
  const dst = mkdtempSync(join(tmpdir(), "runstatus-worked-upgrade-"));
  for (const f of ["package.json", "pnpm-workspace.yaml", "tsconfig.base.json", "redocly.yaml", ".gitignore"]) {
    cpSync(join(repo, f), join(dst, f));
  }
  const skip = (src: string) => {
    const rel = relative(repo, src);
    // Pending spec changesets of the working tree are not part of the release the upgrade starts from.
    const builtDependency = /^packages\/(core|test-utils)\/dist(\/|$)/.test(rel);
    return (
      !/(^|\/)(\.turbo|coverage)(\/|$)/.test(rel) &&
      (builtDependency || !/(^|\/)dist(\/|$)/.test(rel)) &&
      !rel.startsWith("scripts/test") &&
      !rel.startsWith(".changeset/spec-")
    );
  };
  for (const d of ["specs", "scripts", ".changeset", "packages/core", "packages/test-utils", "packages/onepin"]) {
    cpSync(join(repo, d), join(dst, d), { recursive: true, verbatimSymlinks: true, filter: skip });
  }
  symlinkSync(join(repo, "node_modules"), join(dst, "node_modules"), "dir");
  return dst;
}

function run(cmd: string, args: string[], cwd = root) {
  const res = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

const node = (script: string, ...args: string[]) => run(process.execPath, [join(root, "scripts", script), ...args]);
const typecheckOnePin = () =>
  run(process.execPath, [tsc, "-p", "packages/onepin/tsconfig.json", "--noEmit", "--pretty", "false"]);

/** The three fixture changes, made through the YAML document so comments and layout stay. */
function upgradeSpec(text: string): string {
  const doc = parseDocument(text);
  const statuses = doc.getIn(STATUS_ENUM) as YAMLSeq | undefined;
  const data = doc.getIn(STATUS_DATA) as YAMLMap | undefined;
  if (!statuses || !data?.hasIn(["properties", "finished_steps"])) {
    throw new Error(
      `${SPEC} no longer has ${STATUS_ENUM.join(".")} or ${STATUS_DATA.join(".")}.properties.finished_steps: update this test`,
    );
  }
  statuses.add("queued");
  doc.deleteIn([...STATUS_DATA, "properties", "finished_steps"]);
  const required = doc.getIn([...STATUS_DATA, "required"]) as YAMLSeq | undefined;
  const at = required?.items.findIndex((n) => (n as { value?: unknown }).value === "finished_steps") ?? -1;
  if (required && at >= 0) required.delete(at);
  doc.setIn(
    [...STATUS_DATA, "properties", "eta_seconds"],
    doc.createNode({ type: ["integer", "null"], description: "Estimated seconds left." }),
  );
  doc.setIn(["info", "version"], "1.1.0");
  return doc.toString();
}

beforeAll(() => {
  root = copyRepo();
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.email", "test@example.invalid");
  git(root, "config", "user.name", "test");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "baseline");
  git(root, "checkout", "-q", "-b", "upgrade-onepin");
  for (const pkg of ["core", "test-utils"]) {
    if (!existsSync(join(root, `packages/${pkg}/dist/index.d.ts`)))
      throw new Error(`build the packages first: packages/${pkg}/dist is missing (corepack pnpm build)`);
  }
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("worked upgrade: OnePin adds a run status, drops a response field, adds an optional field", () => {
  it("before the edit, the OnePin package type-checks and its generated files match the spec", () => {
    expect(typecheckOnePin()).toMatchObject({ status: 0, out: "" });
    expect(node("check-drift.mjs", "onepin").status).toBe(0);
  }, 120_000);

  it("spec:diff classifies each change and asks for a major release", () => {
    writeFileSync(join(root, SPEC), upgradeSpec(readFileSync(join(root, SPEC), "utf8")));
    const res = node("spec-diff.mjs", "onepin", "--json");
    expect(res.status, res.out).toBe(0);
    const [p] = JSON.parse(res.out).providers;
    expect(p).toMatchObject({ provider: "onepin", package: "@runstatus/onepin", status: "changed", bump: "major" });
    const find = (target: string, field: string | null) =>
      p.changes.filter((c: { target: string; field: string | null }) => c.target === target && c.field === field);
    expect(find("RunStatus", null)).toEqual([
      expect.objectContaining({ kind: "breaking", message: expect.stringMatching(/new value "queued" in a response enum/) }),
    ]);
    expect(find("WorkflowRunStatus", "finished_steps")).toEqual([
      expect.objectContaining({ kind: "breaking", message: "response field removed" }),
    ]);
    expect(find("WorkflowRunStatus", "eta_seconds")).toEqual([
      expect.objectContaining({ kind: "additive", message: "new optional field" }),
    ]);
    expect(find("document", null)).toEqual([
      expect.objectContaining({ kind: "docs", message: 'info.version "1.0.0" → "1.1.0"' }),
    ]);
    expect(p.counts).toEqual({ breaking: 2, additive: 1, docs: 1 });
    // The human report names the operations that read the changed schemas.
    expect(node("spec-diff.mjs", "onepin").out).toMatch(
      /schema WorkflowRunStatus \(used by [^)]*GET \/api\/v1\/workflows\/\{workflow_id\}\/runs\/\{run_id\}\/status/,
    );
  }, 120_000);

  it("CI refuses the spec change until spec:changeset wrote a major changeset for @runstatus/onepin", () => {
    const before = node("check-changeset.mjs");
    expect(before.status).toBe(1);
    expect(before.out).toMatch(/specs\/onepin\.yaml changed .* no changeset releases @runstatus\/onepin/);
    expect(node("spec-changeset.mjs").status).toBe(0);
    const files = readdirSync(join(root, ".changeset")).filter((f) => f.startsWith("spec-onepin-"));
    expect(files).toHaveLength(1);
    const text = readFileSync(join(root, ".changeset", files[0] as string), "utf8");
    // The adapter did not change, so the facade is not released by this changeset.
    expect(text).toMatch(
      /^---\n"@runstatus\/onepin": major\n---\n\nonepin: `specs\/onepin\.yaml` version 1\.0\.0 → 1\.1\.0 \(2 breaking, 1 additive, 1 docs-only\)\./,
    );
    expect(text).toMatch(/- breaking: `finished_steps`: response field removed/);
    expect(node("check-changeset.mjs").status).toBe(0);
  }, 120_000);

  it("the drift check names the stale generated files until `pnpm generate` runs", () => {
    const stale = node("check-drift.mjs", "onepin");
    expect(stale.status).toBe(1);
    expect(stale.out).toContain("packages/onepin/src/generated/schema.d.ts: differs from a fresh generation");
    expect(stale.out).toContain("run `pnpm generate` and commit");
    expect(node("generate.mjs", "onepin").status).toBe(0);
    expect(node("check-drift.mjs", "onepin").status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(root, "packages/onepin/package.json"), "utf8"));
    expect(pkg["x-spec"]).toMatchObject({ file: SPEC, version: "1.1.0" });
  }, 120_000);

  it("the type checker catches the dropped field where the mapping reads it, and the new status", () => {
    const res = typecheckOnePin();
    expect(res.status).not.toBe(0);
    // The mapping reads fields by name through a body reader typed by the route's response, so the
    // dropped name is no longer an accepted key there; the state table is typed by the status enum,
    // so the new status must be mapped.
    expect(res.out).toMatch(/src\/onepin-map\.ts\(\d+,\d+\): error TS\d+: .*"finished_steps"/);
    expect(res.out).toMatch(/src\/onepin-map\.ts\(\d+,\d+\): error TS\d+: .*'queued' is missing/);
  }, 120_000);

  it("the facade maps the new status to `unknown` without failing", async () => {
    // The adapter in the copy is the one under test here (the upgrade did not touch it).
    for (const f of ["onepin-adapter.ts", "onepin-client.ts", "onepin-map.ts"]) {
      expect(readFileSync(join(root, "packages/onepin/src", f), "utf8")).toBe(
        readFileSync(join(repo, "packages/onepin/src", f), "utf8"),
      );
    }
    const wf = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const id = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    const body = {
      data: {
        id,
        workflow_id: wf,
        status: "queued",
        run_number: 3,
        total_steps: 12,
        eta_seconds: 40,
        created_at: "2026-01-01T00:00:00Z",
      },
      meta: { request_id: "req_1", timestamp: "2026-01-01T00:00:01Z" },
    };
    const requests: string[] = [];
    const fetch = async (req: Request) => {
      requests.push(new URL(req.url).pathname);
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    };
    const rs = createRunStatus({ providers: [onepin({ apiKey: "op_live_test_key", fetch })] });
    const run = await rs.get(`onepin:${wf}/${id}`);
    expect(run).toMatchObject({
      provider: "onepin",
      id,
      state: "unknown",
      providerStatus: "queued",
      terminal: false,
      error: null,
    });
    expect(run.progress).toEqual({ completed: 0, total: 12 });
    expect(requests).toEqual([`/api/v1/workflows/${wf}/runs/${id}/status`]);
  });
});
