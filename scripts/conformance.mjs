#!/usr/bin/env node
// pnpm conformance <provider> --run <ref> [--upstream <url>] [--blueprint <id>] [--json]
// Checks a provider's live answers against specs/<provider>.yaml. Prism runs as a validating
// proxy (`prism proxy --errors <spec> <upstream>`) on 127.0.0.1; a read-only sequence goes
// through it (list, get the given run, its status) and every answer Prism finds in breach of the
// spec is printed with its JSON path and the spec location that declares it.
// The API key comes from the provider's environment variable (MAGNIFIC_API_KEY, ONEPIN_API_KEY,
// WONDERCAT_API_KEY, MODELSLAB_API_KEY) and is never printed.
// Exit codes: 0 every answer matches the spec; 1 a violation (or the upstream could not be
// reached); 2 bad arguments, a missing key, or a request the spec itself rejects.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LineCounter, parseDocument } from "yaml";
import { runMain, ToolError, UsageError } from "./lib/errors.mjs";
import { repoRoot } from "./lib/specs.mjs";

const require = createRequire(import.meta.url);

const HELP = `usage: pnpm conformance <provider> --run <ref> [--upstream <url>] [--blueprint <id>] [--json]

  <provider>         magnific, onepin, wondercat or modelslab
  --run <ref>        the run to read, as runstatus prints it (e.g. onepin:<workflow id>/<run id>,
                     modelslab:<workflow id>/<execution id>, magnific:<run id>, wondercat:<run id>);
                     the provider prefix is optional
  --upstream <url>   the API to check (default: the spec's servers[0].url, the real API)
  --blueprint <id>   Wondercat only: the blueprint whose runs are listed (else the list is skipped)
  --json             machine-readable report on stdout

The key is read from MAGNIFIC_API_KEY, ONEPIN_API_KEY, WONDERCAT_API_KEY or MODELSLAB_API_KEY.
Only GET requests are sent. Exit 0: every answer matches; 1: a violation; 2: bad arguments.
`;

const e = encodeURIComponent;

/**
 * Per provider: the key's environment variable, how it is sent, how many ids a ref has, and the
 * read-only calls (label, path, and the spec path template Prism matches).
 */
const PROVIDERS = {
  magnific: {
    env: "MAGNIFIC_API_KEY",
    auth: (key) => ({ "x-magnific-api-key": key }),
    ids: 1,
    steps: ([run]) => [
      { label: "list", path: "/v1/ai/apps", template: "/v1/ai/apps" },
      // Magnific's get-run is also its status call.
      { label: "get run (status)", path: `/v1/ai/apps/runs/${e(run)}`, template: "/v1/ai/apps/runs/{run-id}" },
    ],
  },
  onepin: {
    env: "ONEPIN_API_KEY",
    auth: (key) => ({ authorization: `Bearer ${key}` }),
    ids: 2,
    steps: ([wf, run]) => {
      const runs = `/api/v1/workflows/${e(wf)}/runs`;
      const t = "/api/v1/workflows/{workflow_id}/runs";
      return [
        { label: "list", path: runs, template: t },
        { label: "get run", path: `${runs}/${e(run)}`, template: `${t}/{run_id}` },
        { label: "status", path: `${runs}/${e(run)}/status`, template: `${t}/{run_id}/status` },
      ];
    },
  },
  wondercat: {
    env: "WONDERCAT_API_KEY",
    auth: (key) => ({ authorization: `Bearer ${key}` }),
    ids: 1,
    steps: ([run], { blueprint }) => [
      ...(blueprint
        ? [{ label: "list", path: `/blueprints/${e(blueprint)}/runs`, template: "/blueprints/{blueprintId}/runs" }]
        : []),
      { label: "get run (status)", path: `/runs/${e(run)}`, template: "/runs/{runId}" },
    ],
  },
  modelslab: {
    env: "MODELSLAB_API_KEY",
    auth: (key) => ({ key }),
    ids: 2,
    steps: ([wf, run]) => [
      { label: "list", path: "/", template: "/" },
      {
        label: "get execution (status)",
        path: `/${e(wf)}/runs/${e(run)}`,
        template: "/{workflow_id}/runs/{execution_id}",
      },
    ],
  },
};

export function parseCli(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        run: { type: "string" },
        upstream: { type: "string" },
        blueprint: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${err.message}\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [provider, ...extra] = positionals;
  if (!provider || !(provider in PROVIDERS)) {
    throw new UsageError(`conformance: unknown provider ${JSON.stringify(provider ?? "")}\n${HELP}`);
  }
  if (extra.length > 0) throw new UsageError(`conformance: unexpected argument ${JSON.stringify(extra[0])}\n${HELP}`);
  if (!values.run) throw new UsageError(`conformance: --run <ref> is required\n${HELP}`);
  const ref = values.run.startsWith(`${provider}:`) ? values.run.slice(provider.length + 1) : values.run;
  const ids = ref.split("/");
  const want = PROVIDERS[provider].ids;
  if (ids.length !== want || ids.some((id) => id === "")) {
    const form = want === 2 ? `${provider}:<id>/<id>` : `${provider}:<id>`;
    throw new UsageError(`conformance: --run for ${provider} must look like ${form}`);
  }
  if (values.upstream !== undefined && !/^https?:\/\/[^/\s]+/.test(values.upstream)) {
    throw new UsageError("conformance: --upstream must be an absolute http(s) URL");
  }
  if (values.blueprint !== undefined && provider !== "wondercat") {
    throw new UsageError("conformance: --blueprint is for wondercat only");
  }
  return { provider, ids, upstream: values.upstream, blueprint: values.blueprint, json: values.json };
}

/** The spec, its line index, and where each response of an operation is declared. */
export function loadSpec(root, provider) {
  const file = join(root, "specs", `${provider}.yaml`);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: lines });
  return { file, rel: relative(root, file), doc, spec: doc.toJS(), lines };
}

const escapePointer = (s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1");

function lineOf(spec, pointer) {
  const keys = pointer
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const node = spec.doc.getIn(keys, true);
  const offset = node?.range?.[0];
  return offset === undefined ? null : spec.lines.linePos(offset).line;
}

function deref(spec, pointer) {
  let node = { $ref: `#${pointer}` };
  let at = pointer;
  for (let i = 0; i < 20 && node && typeof node.$ref === "string"; i++) {
    at = node.$ref.slice(1);
    node = at
      .split("/")
      .slice(1)
      .reduce((n, k) => n?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec.spec);
  }
  return { node, at };
}

/**
 * The responses the answer may have been validated against. With `--errors` Prism replaces a
 * breaching answer by its own 500, so the upstream status is unknown then: every declared
 * response is a candidate, success first.
 */
function responsePointers(spec, template, status, replaced) {
  const base = `/paths/${escapePointer(template)}/get/responses`;
  const codes = Object.keys(deref(spec, base).node ?? {});
  if (!replaced) {
    const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => codes.includes(k));
    return [key === undefined ? base : `${base}/${escapePointer(key)}`];
  }
  const rank = (k) => (k.startsWith("2") ? 0 : k === "default" ? 2 : 1);
  return codes.sort((a, b) => rank(a) - rank(b)).map((k) => `${base}/${escapePointer(k)}`);
}

/**
 * Follows a violation's path (body keys and array indexes) through the response schema and
 * returns the pointer of the deepest schema that declares it.
 */
function schemaPointer(spec, responseAt, path, where) {
  const resp = deref(spec, responseAt);
  if (where === "headers") {
    const name = path[0];
    const headers = resp.node?.headers ?? {};
    const key = Object.keys(headers).find((h) => h.toLowerCase() === String(name).toLowerCase());
    return key ? { at: `${resp.at}/headers/${escapePointer(key)}`, depth: 1 } : { at: resp.at, depth: 0 };
  }
  const content = resp.node?.content ?? {};
  const media = Object.keys(content).find((m) => m.includes("json")) ?? Object.keys(content)[0];
  if (!media) return { at: resp.at, depth: 0 };
  let cur = deref(spec, `${resp.at}/content/${escapePointer(media)}/schema`);
  let depth = 0;
  for (const seg of path) {
    const next = childSchema(spec, cur, seg);
    if (!next) break;
    cur = next;
    depth++;
  }
  return { at: cur.at, depth };
}

function childSchema(spec, cur, seg) {
  const s = cur.node;
  if (!s || typeof s !== "object") return null;
  if (/^\d+$/.test(String(seg)) && s.items) return deref(spec, `${cur.at}/items`);
  if (s.properties && seg in s.properties) return deref(spec, `${cur.at}/properties/${escapePointer(seg)}`);
  for (const comb of ["allOf", "anyOf", "oneOf"]) {
    for (let i = 0; i < (s[comb]?.length ?? 0); i++) {
      const found = childSchema(spec, deref(spec, `${cur.at}/${comb}/${i}`), seg);
      if (found) return found;
    }
  }
  return null;
}

/** `["data", "rows", 0, "id"]` → `$.data.rows[0].id`. */
export function jsonPath(path) {
  return `$${path.map((p) => (/^\d+$/.test(String(p)) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("")}`;
}

/** One Prism diagnostic → `{ jsonPath, message, spec }`, located in the spec file. */
function locate(spec, template, status, replaced, diagnostic) {
  const loc = [...(diagnostic.location ?? [])];
  if (loc[0] === "response") loc.shift();
  const where = loc[0] === "headers" ? "headers" : "body";
  if (loc[0] === "body" || loc[0] === "headers") loc.shift();
  // The candidate response whose schema declares the most of the path (the first on a tie).
  let best = null;
  for (const r of responsePointers(spec, template, status, replaced)) {
    const found = schemaPointer(spec, r, loc, where);
    if (best === null || found.depth > best.depth) best = found;
  }
  const at = best.at;
  const line = lineOf(spec, at);
  return {
    jsonPath: where === "headers" ? `header ${loc[0] ?? ""}` : jsonPath(loc),
    message: diagnostic.message,
    spec: `${spec.rel}${line === null ? "" : `:${line}`} #${at}`,
  };
}

async function freePort() {
  return await new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Starts `prism proxy --errors` on loopback; stopped by its own PID. */
async function startProxy(specFile, upstream, { timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const cli = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
  const args = [cli, "proxy", "--host", "127.0.0.1", "--port", String(port), "--errors", specFile, upstream];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (d) => {
    log = (log + String(d)).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((ok) => child.once("exit", ok));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new ToolError(`conformance: prism exited early (${child.exitCode}):\n${log}`);
    try {
      // Any HTTP answer means Prism is listening; the probe path matches no operation.
      await fetch(`${url}/.conformance-probe`, { signal: AbortSignal.timeout(1000) });
      return { url, close };
    } catch {
      if (Date.now() > deadline) {
        await close();
        throw new ToolError(`conformance: prism did not start within ${timeoutMs} ms:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function readViolations(res) {
  const raw = res.headers.get("sl-violations");
  if (!raw) return [];
  try {
    const list = JSON.parse(raw);
    return Array.isArray(list) ? list : [];
  } catch {
    return [{ location: [], message: raw }];
  }
}

/** Runs the sequence through Prism; returns one result per call. */
export async function check({ root = repoRoot, provider, ids, upstream, blueprint, env = process.env }) {
  const p = PROVIDERS[provider];
  const key = env[p.env]?.trim();
  if (!key) throw new UsageError(`conformance: set ${p.env} to your ${provider} API key`);
  const spec = loadSpec(root, provider);
  const target = upstream ?? spec.spec.servers?.[0]?.url;
  if (!target) throw new UsageError(`conformance: ${spec.rel} has no servers[0].url; pass --upstream`);
  const proxy = await startProxy(spec.file, target);
  const results = [];
  try {
    for (const step of p.steps(ids, { blueprint })) {
      let res;
      try {
        res = await fetch(proxy.url + step.path, { headers: p.auth(key), signal: AbortSignal.timeout(60_000) });
      } catch (err) {
        throw new ToolError(`conformance: GET ${step.path} failed: ${err.cause?.code ?? err.name}`);
      }
      const text = await res.text();
      const type = res.headers.get("content-type") ?? "";
      if (res.status === 422 && type.includes("problem+json") && !res.headers.has("sl-violations")) {
        throw new UsageError(`conformance: the spec rejects the request GET ${step.path}: ${text.slice(0, 300)}`);
      }
      if (type.includes("problem+json") && /UPSTREAM|ECONNREFUSED|ENOTFOUND|fetch failed/i.test(text)) {
        throw new ToolError(`conformance: the upstream ${target} could not be reached`);
      }
      const diagnostics = readViolations(res);
      // Prism's own 500 stands in for an answer that breaks the spec; its status is not the upstream's.
      const replaced = diagnostics.length > 0 && res.status === 500 && type.includes("problem+json");
      const violations = diagnostics.map((d) => locate(spec, step.template, res.status, replaced, d));
      const status = replaced ? null : res.status;
      results.push({ label: step.label, method: "GET", path: step.path, status, violations });
    }
  } finally {
    await proxy.close();
  }
  return { provider, upstream: target, spec: spec.rel, results };
}

export function formatReport(report) {
  const out = [`conformance ${report.provider}: ${report.upstream} against ${report.spec}`];
  for (const r of report.results) {
    const answer = r.status === null ? "an answer that breaks the spec" : r.status;
    out.push(`${r.violations.length === 0 ? "ok  " : "FAIL"} ${r.label}: ${r.method} ${r.path} → ${answer}`);
    for (const v of r.violations) out.push(`     ${v.jsonPath}: ${v.message}\n       declared at ${v.spec}`);
  }
  const n = report.results.reduce((sum, r) => sum + r.violations.length, 0);
  out.push(n === 0 ? "every answer matches the spec" : `${n} violation${n === 1 ? "" : "s"}`);
  return `${out.join("\n")}\n`;
}

export async function main(argv, { root = repoRoot, out = process.stdout, env = process.env } = {}) {
  const args = parseCli(argv);
  if (args.help) {
    out.write(HELP);
    return 0;
  }
  const report = await check({ root, env, ...args });
  out.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.results.some((r) => r.violations.length > 0) ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runMain((argv) => main(argv));
