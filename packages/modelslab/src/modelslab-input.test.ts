import { InvalidResponseError, UsageError } from "@runstatus/core";
import { jsonResponse as json, rejectionOf as rejection } from "@runstatus/test-utils";
import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, modelslab } from "./index.js";

const KEY = "ml-test-key-7f3a9c";
const WF = "0b9c2f4e-5a1d-4e8b-9c3f-7d2a6b1e4f80";

type Param = { key: string; type: string; required?: unknown };

/** A workflow schema with these parameters, answering the schema read and the run call. */
function server(parameters: Param[]) {
  const requests: Request[] = [];
  const fetch = async (req: Request) => {
    requests.push(req.clone());
    return req.method === "GET"
      ? json(200, { status: "success", workflow: { id: WF, name: "w", rate_limit: 10 }, parameters })
      : json(202, { status: "success", message: "", execution_id: 1, workflow_id: WF, status_url: "x", webhook_url: null });
  };
  return { fetch, requests };
}

/** The body `start` sends for `input` against a workflow with `parameters`. */
async function sent(parameters: Param[], input: Record<string, string | number | boolean>): Promise<unknown> {
  const s = server(parameters);
  await modelslab({ apiKey: KEY, fetch: s.fetch }).start(WF, input);
  expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
    `GET ${DEFAULT_BASE_URL}/${WF}`,
    `POST ${DEFAULT_BASE_URL}/${WF}/run`,
  ]);
  return (s.requests[1] as Request).json();
}

/** The UsageError `start` fails with, after reading the schema and sending no run. */
async function refused(parameters: Param[], input: Record<string, string | number | boolean>): Promise<UsageError> {
  const s = server(parameters);
  const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).start(WF, input));
  expect(err).toBeInstanceOf(UsageError);
  expect(s.requests.map((r) => r.method)).toEqual(["GET"]);
  return err as UsageError;
}

const num = (key: string, type = "number"): Param => ({ key, type, required: false });

describe("start: values typed by the workflow's schema", () => {
  it.each([
    ["-5", -5],
    ["5", 5],
    ["12.5", 12.5],
    ["12.", 12],
    [".25", 0.25],
    ["1e3", 1000],
    ["1e-3", 0.001],
    ["2e10", 2e10],
    [" 12 ", 12],
  ])("a number parameter given %j is sent as %s", async (given, want) => {
    expect(await sent([num("n")], { n: given })).toEqual({ n: want });
  });

  it.each(["0x10", "0b11", "12px"])("a number parameter given %j is refused: only decimal notation", async (given) => {
    const err = await refused([num("n")], { n: given });
    expect(err.message).toBe(`modelslab: workflow ${WF}: parameter "n" must be a number, got ${JSON.stringify(given)}`);
    expect(err.provider).toBe("modelslab");
  });

  it("a number parameter given a boolean is refused, not sent as 1", async () => {
    const err = await refused([num("n")], { n: true });
    expect(err.message).toBe(`modelslab: workflow ${WF}: parameter "n" must be a number, got true`);
  });

  it("an integer parameter takes whole numbers only; a number parameter takes fractions", async () => {
    expect(await sent([num("i", "integer"), num("n")], { i: "7", n: "7.5" })).toEqual({ i: 7, n: 7.5 });
    expect(await sent([num("i", "Integer")], { i: 8 })).toEqual({ i: 8 });
    const err = await refused([num("i", "integer")], { i: "7.5" });
    expect(err.message).toBe(`modelslab: workflow ${WF}: parameter "i" must be an integer, got "7.5"`);
  });

  it('a boolean parameter takes true, false, "true" and "false"; other text is refused', async () => {
    const b = { key: "b", type: "boolean" };
    expect(await sent([b, { key: "c", type: "boolean" }], { b: "true", c: "false" })).toEqual({ b: true, c: false });
    expect(await sent([b], { b: false })).toEqual({ b: false });
    const err = await refused([b], { b: "yes" });
    expect(err.message).toBe(`modelslab: workflow ${WF}: parameter "b" must be true or false, got "yes"`);
  });

  it("a string parameter keeps numeric text and booleans as given", async () => {
    expect(
      await sent(
        [
          { key: "s", type: "string" },
          { key: "t", type: "string" },
        ],
        { s: "1e3", t: true },
      ),
    ).toEqual({
      s: "1e3",
      t: true,
    });
  });

  it("a refused value is shown up to 60 characters of its JSON, then cut with an ellipsis", async () => {
    const at60 = "x".repeat(58); // JSON.stringify adds two quotes: 60 characters
    const err60 = await refused([num("n")], { n: at60 });
    expect(err60.message).toBe(`modelslab: workflow ${WF}: parameter "n" must be a number, got "${at60}"`);
    const err61 = await refused([num("n")], { n: `${at60}y` });
    expect(err61.message).toBe(`modelslab: workflow ${WF}: parameter "n" must be a number, got "${at60}y…`);
  });
});

describe("start: keys checked against the schema before a run is spent", () => {
  it("an unknown key names the workflow's parameters, or none", async () => {
    const err = await refused([num("width"), num("height")], { depth: 3 });
    expect(err.message).toBe(`modelslab: workflow ${WF}: no parameter "depth" (its parameters: width, height)`);
    const none = await refused([], { depth: 3 });
    expect(none.message).toBe(`modelslab: workflow ${WF}: no parameter "depth" (its parameters: none)`);
  });

  it("every missing required parameter is named; optional ones may be left out", async () => {
    const params: Param[] = [
      { key: "prompt", type: "string", required: true },
      { key: "style", type: "string", required: true },
      { key: "seed", type: "integer" },
      { key: "steps", type: "integer", required: null },
    ];
    const err = await refused(params, {});
    expect(err.message).toBe(`modelslab: workflow ${WF}: requires parameter(s) prompt, style`);
    expect(await sent(params, { prompt: "a", style: "b" })).toEqual({ prompt: "a", style: "b" });
  });

  it("a schema whose `required` is not a boolean is an InvalidResponseError naming the field", async () => {
    const s = server([{ key: "prompt", type: "string", required: "yes" }]);
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch }).start(WF, { prompt: "a" }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect((err as Error).message).toContain("response field `parameters[0].required` is not a boolean");
    expect(s.requests).toHaveLength(1);
  });
});

describe("start: values that cannot go into the flat body", () => {
  it.each([
    [{ v: Number.POSITIVE_INFINITY }, "v"],
    [{ w: { nested: 1 } }, "w"],
    [{ x: null }, "x"],
  ])("%j is a UsageError naming the key, before any request", async (input, key) => {
    const s = server([]);
    const err = await rejection(modelslab({ apiKey: KEY, fetch: s.fetch, inputTyping: "as-is" }).start(WF, input as never));
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(`modelslab: input "${key}" must be a string, a finite number or a boolean`);
    expect((err as UsageError).provider).toBe("modelslab");
    expect(s.requests).toHaveLength(0);
  });

  it("strings, finite numbers and booleans are sent as given", async () => {
    const s = server([]);
    await modelslab({ apiKey: KEY, fetch: s.fetch, inputTyping: "as-is" }).start(WF, { a: "x", b: 2, c: false });
    expect(await (s.requests[0] as Request).json()).toEqual({ a: "x", b: 2, c: false });
  });
});
