// The classification rules of spec:diff, one mutation of the mini fixture per case.
import { describe, expect, it } from "vitest";
import { diffSpecs, summarize } from "../lib/openapi-diff.mjs";
import { headers, hook, req, res } from "./diff-corpus/cases.mjs";
import { miniSpec } from "./helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: each case reaches deep into the spec to mutate one node
type Spec = Record<string, any>;
type Change = {
  kind: string;
  scope: string;
  target: string;
  where: string;
  field: string | null;
  message: string;
  usedBy?: string[];
};

function diff(mutate: (s: Spec) => void): Change[] {
  const before = miniSpec();
  const after = miniSpec();
  mutate(after);
  return diffSpecs(before, after);
}

const run = (s: Spec) => s.components.schemas.Run;
const startReq = (s: Spec) => s.components.schemas.StartRequest;
const getOp = (s: Spec) => s.paths["/runs/{run_id}"].get;

/** The only change of a case: asserts there is exactly one and returns it. */
function only(changes: Change[]): Change {
  expect(changes.map((c) => `${c.kind} ${c.target} ${c.field ?? ""} ${c.message}`)).toHaveLength(1);
  return changes[0] as Change;
}

describe("diffSpecs: what a client reads (responses)", () => {
  it("a new value in a response enum is breaking, reported on the named schema with its users", () => {
    const c = only(diff((s) => s.components.schemas.RunStatus.enum.push("queued")));
    expect(c).toMatchObject({ kind: "breaking", scope: "schema", target: "RunStatus" });
    expect(c.message).toMatch(/new value "queued" in a response enum/);
    expect(c.usedBy).toEqual(["GET /runs/{run_id}", "POST /runs"]);
  });

  it("a removed response field is breaking", () => {
    const c = only(
      diff((s) => {
        delete run(s).properties.finished_steps;
        run(s).required = ["id", "status", "total_steps"];
      }),
    );
    expect(c).toMatchObject({ kind: "breaking", target: "Run", field: "finished_steps" });
    expect(c.message).toMatch(/response field removed/);
  });

  it("a response field made nullable (3.1 type array) is breaking", () => {
    const c = only(diff((s) => (run(s).properties.total_steps.type = ["integer", "null"])));
    expect(c).toMatchObject({ kind: "breaking", field: "total_steps" });
    expect(c.message).toMatch(/made nullable/);
  });

  it("a response field made nullable (3.0 `nullable: true`) is breaking too", () => {
    expect(only(diff((s) => (run(s).properties.total_steps.nullable = true))).kind).toBe("breaking");
  });

  it("a response field made optional is breaking", () => {
    const c = only(diff((s) => (run(s).required = ["id", "status", "finished_steps"])));
    expect(c).toMatchObject({ kind: "breaking", field: "total_steps" });
    expect(c.message).toMatch(/made optional/);
  });

  it("a response field that stops being nullable is additive (narrower)", () => {
    expect(only(diff((s) => (run(s).properties.started_at.type = "string"))).kind).toBe("additive");
  });

  it("a new optional response field is additive", () => {
    const c = only(diff((s) => (run(s).properties.eta = { type: "integer" })));
    expect(c).toMatchObject({ kind: "additive", field: "eta" });
  });

  it("a changed type is breaking", () => {
    const c = only(diff((s) => (run(s).properties.finished_steps.type = "string")));
    expect(c).toMatchObject({ kind: "breaking", field: "finished_steps" });
    expect(c.message).toMatch(/type changed: integer → string/);
  });

  it("a new oneOf variant in a response is breaking", () => {
    const before = miniSpec();
    before.components.schemas.Run.properties.total_steps = { oneOf: [{ type: "integer" }, { type: "string" }] };
    const after = structuredClone(before);
    after.components.schemas.Run.properties.total_steps.oneOf.push({ type: "boolean" });
    const c = only(diffSpecs(before, after));
    expect(c).toMatchObject({ kind: "breaking", field: "total_steps.oneOf[2]" });
  });
});

describe("diffSpecs: what a client sends (parameters, request bodies)", () => {
  it("a new value in a request enum is additive", () => {
    const c = only(diff((s) => startReq(s).properties.language.enum.push("fr")));
    expect(c).toMatchObject({ kind: "additive", target: "StartRequest", field: "language" });
  });

  it("a removed value in a request enum is breaking", () => {
    expect(only(diff((s) => (startReq(s).properties.language.enum = ["en"]))).kind).toBe("breaking");
  });

  it("a new required request field is breaking; a new optional one is additive", () => {
    const req = only(
      diff((s) => {
        startReq(s).properties.priority = { type: "integer" };
        startReq(s).required.push("priority");
      }),
    );
    expect(req).toMatchObject({ kind: "breaking", field: "priority" });
    expect(req.message).toMatch(/new required request field/);
    expect(only(diff((s) => (startReq(s).properties.priority = { type: "integer" }))).kind).toBe("additive");
  });

  it("a request field that gains a `default` is breaking (openapi-typescript then makes it non-optional)", () => {
    const changes = diff((s) => (startReq(s).properties.language.default = "en"));
    const c = only(changes.filter((x) => x.kind !== "docs"));
    expect(c).toMatchObject({ kind: "breaking", field: "language" });
    expect(c.message).toMatch(/now required \(through `default`/);
  });

  it("a request field made nullable is additive", () => {
    expect(only(diff((s) => (startReq(s).properties.script_text.type = ["string", "null"]))).kind).toBe("additive");
  });

  it("a changed request type is breaking", () => {
    expect(only(diff((s) => (startReq(s).properties.script_text.type = "integer"))).kind).toBe("breaking");
  });

  it("a removed request field is breaking (code that sets it stops compiling)", () => {
    expect(only(diff((s) => delete startReq(s).properties.language)).kind).toBe("breaking");
  });

  it("parameters: removed or now required is breaking, a new optional one is additive", () => {
    const removed = only(diff((s) => (getOp(s).parameters = [])));
    expect(removed).toMatchObject({
      kind: "breaking",
      scope: "operation",
      target: "GET /runs/{run_id}",
      where: "parameter path `run_id`",
    });
    const added = only(diff((s) => getOp(s).parameters.push({ name: "verbose", in: "query", schema: { type: "boolean" } })));
    expect(added).toMatchObject({ kind: "additive", where: "parameter query `verbose`" });
    const required = only(
      diff((s) => getOp(s).parameters.push({ name: "verbose", in: "query", required: true, schema: { type: "boolean" } })),
    );
    expect(required.kind).toBe("breaking");
  });

  it("a shared schema takes the stricter reading: a field made optional is breaking when any response uses it", () => {
    // Run is both the 200 body of GET and the 202 body of POST; make it also a request body.
    const before = miniSpec();
    before.paths["/runs"].post.requestBody.content["application/json"].schema = { $ref: "#/components/schemas/Run" };
    const after = structuredClone(before);
    after.components.schemas.Run.required = ["id", "status", "finished_steps"];
    const c = only(diffSpecs(before, after));
    expect(c).toMatchObject({ kind: "breaking", target: "Run", field: "total_steps" });
  });
});

describe("diffSpecs: operations, documents, docs-only", () => {
  it("a removed operation is breaking, a new one additive", () => {
    expect(only(diff((s) => delete s.paths["/runs"])).kind).toBe("breaking");
    const added = only(
      diff((s) => (s.paths["/runs/summary"] = { get: { operationId: "summary", responses: { "200": { description: "ok" } } } })),
    );
    expect(added).toMatchObject({ kind: "additive", target: "GET /runs/summary", message: "new operation" });
  });

  it("a renamed operationId or path parameter is breaking", () => {
    expect(only(diff((s) => (getOp(s).operationId = "fetchRun"))).kind).toBe("breaking");
    const renamed = diff((s) => {
      s.paths["/runs/{id}"] = s.paths["/runs/{run_id}"];
      delete s.paths["/runs/{run_id}"];
      s.paths["/runs/{id}"].get.parameters[0].name = "id";
    });
    expect(renamed.map((c) => c.kind)).toEqual(["breaking", "breaking"]);
    expect(renamed.map((c) => c.message).join(" ")).toMatch(/path renamed from `\/runs\/\{run_id\}`.*renamed from `run_id`/);
  });

  it("descriptions, summaries, examples and info are documentation only", () => {
    const changes = diff((s) => {
      s.info.version = "1.0.1";
      s.info.description = "Reworded.";
      getOp(s).summary = "Read a run";
      run(s).properties.id.description = "The run id.";
      getOp(s).responses["200"].content["application/json"].examples.running.value.finished_steps = 2;
    });
    expect(changes.length).toBe(5);
    expect(new Set(changes.map((c) => c.kind))).toEqual(new Set(["docs"]));
    expect(summarize(changes).bump).toBe("patch");
  });

  it("an auth header change is breaking; a new default server URL is additive", () => {
    const auth = only(diff((s) => (s.components.securitySchemes.bearer = { type: "apiKey", in: "header", name: "x-key" })));
    expect(auth.kind).toBe("breaking");
    expect(only(diff((s) => (s.servers[0].url = "https://api2.example.test"))).kind).toBe("additive");
  });

  it("identical documents have no changes", () => {
    expect(diff(() => {})).toEqual([]);
  });

  it("a spec absent at the base is all additive; a removed spec is breaking", () => {
    const added = diffSpecs(null, miniSpec());
    expect(added.length).toBeGreaterThan(1);
    expect(new Set(added.map((c) => c.kind))).toEqual(new Set(["additive"]));
    expect(summarize(added).bump).toBe("minor");
    expect(summarize(diffSpecs(miniSpec(), null)).bump).toBe("major");
  });

  it("summarize picks the largest bump", () => {
    const changes = diff((s) => {
      s.info.version = "2.0.0";
      run(s).properties.eta = { type: "integer" };
      s.components.schemas.RunStatus.enum.push("queued");
    });
    expect(summarize(changes)).toMatchObject({ counts: { breaking: 1, additive: 1, docs: 1 }, bump: "major" });
  });
});

describe("diffSpecs: where a change is reported", () => {
  it("a webhook is diffed inside, under its own target, with the payload read by the client", () => {
    const before = hook({ type: "object", properties: { a: { type: "string" } }, required: ["a"] });
    const after = hook({ type: "object", properties: { a: { type: "string" } } });
    const c = only(diffSpecs(before, after));
    expect(c).toMatchObject({ kind: "breaking", scope: "operation", target: "POST webhook:w", field: "a" });
    expect(c.message).toMatch(/made optional in a response/);
  });

  it("a response header made optional is named with its response", () => {
    const c = only(
      diffSpecs(
        headers({ "X-A": { required: true, schema: { type: "string" } } }),
        headers({ "X-A": { schema: { type: "string" } } }),
      ),
    );
    expect(c).toMatchObject({ kind: "breaking", target: "GET /x" });
    expect(c.where).toBe("response 200 header `X-A`");
    expect(c.message).toMatch(/header is now optional/);
  });

  it("a new required property under `then` is named by its path", () => {
    const ifA = (then: object) =>
      Object.fromEntries([
        ["if", { required: ["a"] }],
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword in a spec, never awaited
        ["then", then],
      ]);
    const c = only(
      diffSpecs(
        req(ifA({ properties: { b: { type: "string" } } })),
        req(ifA({ properties: { b: { type: "string" } }, required: ["b"] })),
      ),
    );
    expect(c).toMatchObject({ kind: "breaking", field: "then.b" });
    expect(c.message).toMatch(/request field now required/);
  });

  it("a changed request default says why it breaks", () => {
    const body = (d: number) => req({ type: "object", properties: { n: { type: "integer", default: d } } });
    const c = only(diffSpecs(body(1), body(2)));
    expect(c).toMatchObject({ kind: "breaking", field: "n", topic: "default" });
    expect(c.message).toMatch(/default 1 → 2: requests that omit it now behave differently/);
  });

  it("a schema wrapped as oneOf [T, null] reports only the nullability, not T's fields as removed", () => {
    const t = { type: "object", description: "A t.", properties: { a: { type: "string" } }, required: ["a"] };
    const wrapped = {
      oneOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { type: "null" }],
      description: "A t.",
    };
    expect(only(diffSpecs(req(t), req(wrapped)))).toMatchObject({
      kind: "additive",
      field: "oneOf[1]",
      message: "now accepts null",
    });
    const c = only(diffSpecs(res(t), res(wrapped)));
    expect(c).toMatchObject({ kind: "breaking", field: "oneOf[1]" });
    expect(c.message).toMatch(/now nullable in a response/);
  });
});
