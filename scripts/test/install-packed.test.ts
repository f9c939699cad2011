// Issue 2, "Done when": each provider package, packed as it would be published, installs into an
// empty folder together with the @runstatus/* packages it depends on (as a registry would resolve
// them), and a plain Node ESM script there (no TypeScript, no bundler) imports it and makes its
// first call, the provider's status call, against a Prism mock of its spec.
// It packs the BUILT packages (packages/*/dist): run `node scripts/turbo.mjs run build` first.
// One pack of each package and one `npm install` of all the tarballs serve the four providers.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { promisify } from "node:util";
import { cleanEnv, npmInstallTarballs, type PrismHandle, repoRoot, specPath, startPrism } from "@runstatus/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { pack, workspacePackages } from "../check-packages.mjs";

const run = promisify(execFile);

type Provider = "magnific" | "onepin" | "wondercat" | "modelslab";
type Json = Record<string, unknown>;

interface Case {
  factory: string;
  /** The status operation in specs/<p>.yaml. */
  path: string;
  /** The typed call the script makes, as a user would write it (JS source). */
  call: string;
  /** Where the provider's status sits in the status call's body. */
  statusAt: readonly string[];
  /** The reference segments the adapter gets (the same run as `call`). */
  ids: readonly string[];
  /** Shaped like the provider's keys; fake. */
  key: string;
}

// Ids as in packages/<p>/test/<p>.contract.test.ts: the ones the specs' examples use.
const ONEPIN = { workflow_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", run_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6" };
const MODELSLAB = { workflow_id: "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80", execution_id: 12345 };
const CASES: Record<Provider, Case> = {
  magnific: {
    factory: "createMagnificClient",
    path: "/v1/ai/apps/runs/{run-id}",
    call: `GET("/v1/ai/apps/runs/{run-id}", { params: { path: { "run-id": "omps2OH829" } } })`,
    statusAt: ["data", "status"],
    ids: ["omps2OH829"],
    key: "mgk_test_install_0001",
  },
  onepin: {
    factory: "createOnePinClient",
    path: "/api/v1/workflows/{workflow_id}/runs/{run_id}/status",
    call: `GET("/api/v1/workflows/{workflow_id}/runs/{run_id}/status", { params: { path: ${JSON.stringify(ONEPIN)} } })`,
    statusAt: ["data", "status"],
    ids: [ONEPIN.workflow_id, ONEPIN.run_id],
    key: "op_live_InstallTest0000000000000000001",
  },
  wondercat: {
    factory: "createWondercatClient",
    path: "/runs/{runId}",
    call: `GET("/runs/{runId}", { params: { path: { runId: "run_abc123" } } })`,
    statusAt: ["status"],
    ids: ["run_abc123"],
    key: `sk_${"1e".repeat(32)}`,
  },
  modelslab: {
    factory: "createModelsLabClient",
    path: "/{workflow_id}/runs/{execution_id}",
    call: `GET("/{workflow_id}/runs/{execution_id}", { params: { path: ${JSON.stringify(MODELSLAB)} } })`,
    statusAt: ["execution", "status"],
    ids: [MODELSLAB.workflow_id, String(MODELSLAB.execution_id)],
    key: "ml-install-test-key-0001",
  },
};
const PROVIDERS = Object.keys(CASES) as Provider[];

/** What a user writes after `npm install @runstatus/<p>`: static named imports, one call, one adapter read. */
const firstCallScript = (): string =>
  [
    "// A first call in plain Node ESM: no TypeScript, no bundler, the packages from ./node_modules.",
    ...PROVIDERS.map((p) => `import { ${CASES[p].factory}, ${p} } from "@runstatus/${p}";`),
    "",
    "const [provider, baseUrl] = process.argv.slice(2);",
    "const apiKey = process.env.API_KEY;",
    "const cases = {",
    ...PROVIDERS.map((p) =>
      [
        `  ${p}: {`,
        `    status: () => ${CASES[p].factory}({ apiKey, baseUrl }).${CASES[p].call},`,
        `    read: (body) => body${CASES[p].statusAt.map((k) => `.${k}`).join("")},`,
        `    adapter: () => ${p}({ apiKey, baseUrl }),`,
        `    ids: ${JSON.stringify(CASES[p].ids)},`,
        "  },",
      ].join("\n"),
    ),
    "};",
    "const c = cases[provider];",
    "const { data, error, response } = await c.status();",
    "if (error !== undefined) {",
    '  console.error("HTTP " + response.status + ": " + JSON.stringify(error));',
    "  process.exit(1);",
    "}",
    "const { run } = await c.adapter().get(c.ids);",
    'const resolved = import.meta.resolve("@runstatus/" + provider);',
    "console.log(JSON.stringify({ resolved, httpStatus: response.status, status: c.read(data), body: data, run }));",
    "",
  ].join("\n");

/** The first example of the status call's 200 answer: what Prism serves when not asked for another. */
function defaultExample(p: Provider): unknown {
  const spec = parse(readFileSync(specPath(p), "utf8")) as Json;
  const deref = (node: unknown): Json => {
    let cur = node as Json;
    while (typeof cur.$ref === "string") {
      cur = (cur.$ref as string)
        .slice(2)
        .split("/")
        .reduce<Json>((n, k) => n[k] as Json, spec);
    }
    return cur;
  };
  const op = ((spec.paths as Json)[CASES[p].path] as Json).get as Json;
  const ok = deref((op.responses as Json)["200"]);
  const examples = ((ok.content as Json)["application/json"] as Json).examples as Json;
  const first = Object.values(examples)[0];
  if (first === undefined) throw new Error(`specs/${p}.yaml: ${CASES[p].path} has no 200 example`);
  return deref(first).value;
}

const at = (body: unknown, keys: readonly string[]): unknown => keys.reduce<unknown>((n, k) => (n as Json)[k], body);

/** The @runstatus/* packages the providers need at run time: the providers and, transitively, their dependencies. */
function packagesToPack() {
  const all = workspacePackages(repoRoot) as { dir: string; name: string; version: string; manifest: Json }[];
  const byName = new Map(all.map((p) => [p.name, p]));
  const wanted = new Set<string>(PROVIDERS.map((p) => `@runstatus/${p}`));
  for (const name of wanted) {
    const deps = (byName.get(name)?.manifest.dependencies ?? {}) as Record<string, string>;
    for (const dep of Object.keys(deps)) if (byName.has(dep)) wanted.add(dep);
  }
  return [...wanted].map((name) => {
    const pkg = byName.get(name);
    if (!pkg) throw new Error(`no workspace package ${name}`);
    return pkg;
  });
}

let tmp = "";
let app = "";
const prisms = new Map<Provider, PrismHandle>();
const timings: Record<string, number> = {};
let packed: { name: string; version: string }[] = [];
/** Settles once every Prism started or failed to. */
let settled: Promise<unknown> = Promise.resolve();

beforeAll(async () => {
  const t0 = performance.now();
  const pkgs = packagesToPack();
  const missing = pkgs.map((p) => join("packages", p.dir, "dist", "index.js")).filter((f) => !existsSync(join(repoRoot, f)));
  if (missing.length > 0) {
    throw new Error(`the packages are not built (missing ${missing.join(", ")}): run \`node scripts/turbo.mjs run build\` first`);
  }
  tmp = mkdtempSync(join(tmpdir(), "runstatus-install-"));
  const tarballs = join(tmp, "tarballs");
  app = join(tmp, "app");
  mkdirSync(tarballs);
  mkdirSync(app);

  // Prism boots in its own process while we pack and install; keep each handle as soon as it is up.
  const starting = PROVIDERS.map(async (p) => {
    prisms.set(p, await startPrism(specPath(p)));
  });
  settled = Promise.allSettled(starting);
  for (const s of starting) s.catch(() => {}); // awaited below; this keeps an early failure from counting as unhandled

  const files: string[] = [];
  for (const pkg of pkgs) {
    const r = pack(repoRoot, pkg, tarballs);
    if (!r.ok || !r.tarball) throw new Error(`pnpm pack ${pkg.name} failed:\n${r.out}`);
    files.push(r.tarball);
  }
  packed = pkgs.map((p) => ({ name: p.name, version: p.version }));
  timings.pack = performance.now() - t0;

  const t1 = performance.now();
  await npmInstallTarballs(app, files);
  timings.install = performance.now() - t1;
  writeFileSync(join(app, "first-call.mjs"), firstCallScript());

  const t2 = performance.now();
  await Promise.all(starting);
  timings.prismWait = performance.now() - t2;
  timings.setup = performance.now() - t0;
}, 120_000);

afterAll(async () => {
  // A Prism still starting when setup failed is closed too, not left holding its port.
  await settled;
  await Promise.all([...prisms.values()].map((h) => h.close()));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const ms = (k: string) => `${((timings[k] ?? 0) / 1000).toFixed(1)} s`;
  console.log(
    `install-packed: pack ${ms("pack")}, npm install ${ms("install")}, Prism wait after that ${ms("prismWait")}, setup ${ms("setup")}`,
  );
});

describe("the packed provider packages, installed into an empty folder", () => {
  it("name the @runstatus packages they need by version, and npm takes those from the tarballs", () => {
    const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    for (const p of PROVIDERS) {
      const manifest = JSON.parse(readFileSync(join(app, "node_modules", "@runstatus", p, "package.json"), "utf8")) as Json;
      const deps = manifest.dependencies as Record<string, string>;
      expect(Object.keys(deps)).toContain("@runstatus/core");
      for (const [name, range] of Object.entries(deps)) expect(range, `${p} → ${name}`).not.toMatch(/^workspace:/);
    }
    // Every @runstatus package in the tree is one we packed, at its workspace version, from its tarball.
    const installed = Object.entries(lock.packages).filter(([k]) => k.includes("node_modules/@runstatus/"));
    expect(installed.map(([k, v]) => ({ name: k.slice(k.indexOf("@runstatus/")), version: v.version })).sort(byName)).toEqual(
      [...packed].sort(byName),
    );
    for (const [k, v] of installed) expect(v.resolved, k).toMatch(/^file:/);
    // Third-party dependencies come from the registry, as for a user.
    expect(lock.packages["node_modules/openapi-fetch"]?.resolved ?? "").not.toMatch(/^file:/);
  });

  it.each(PROVIDERS)(
    "%s: a plain ESM script imports it, makes the status call and reads the run through the adapter",
    async (p) => {
      const prism = prisms.get(p);
      if (!prism) throw new Error(`no Prism for ${p}`);
      const { key } = CASES[p];
      const res = await run(process.execPath, ["first-call.mjs", p, prism.url], {
        cwd: app,
        env: cleanEnv({ API_KEY: key }),
      }).catch((e: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`node first-call.mjs ${p} exited ${e.code}:\n${e.stderr ?? ""}${e.stdout ?? ""}`);
      });
      const out = JSON.parse(res.stdout) as { resolved: string; httpStatus: number; status: string; body: unknown; run: Json };
      // The import resolved to the installed copy, not to the workspace.
      expect(out.resolved).toBe(`file://${join(app, "node_modules", "@runstatus", p, "dist", "index.js").split(sep).join("/")}`);
      const example = defaultExample(p);
      expect(out.httpStatus).toBe(200);
      const expected = at(example, CASES[p].statusAt);
      expect(expected, `specs/${p}.yaml: no status at ${CASES[p].statusAt.join(".")}`).toEqual(expect.any(String));
      expect(out.status).toBe(expected);
      expect(out.body).toEqual(example);
      // Every default example is a run not started yet.
      expect(out.run).toMatchObject({
        provider: p,
        id: CASES[p].ids.at(-1),
        ref: `${p}:${CASES[p].ids.join("/")}`,
        state: "queued",
        terminal: false,
        providerStatus: out.status,
      });
      expect(`${res.stdout}${res.stderr}`).not.toContain(key);
    },
  );
});

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
