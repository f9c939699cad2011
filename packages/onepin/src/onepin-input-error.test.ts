import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { onePinStartBody, readOnePinError } from "./index.js";

describe("onePinStartBody", () => {
  it("a value that is not a string is refused, naming the key, its type and the allowed inputs", () => {
    let err: unknown;
    try {
      onePinStartBody({ script_text: 3 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).provider).toBe("onepin");
    expect((err as UsageError).message).toBe(
      'onepin: input "script_text" must be a string (got number); allowed inputs (strings): script_text, source_language',
    );
  });
});

describe("readOnePinError", () => {
  it("blank texts count as absent: the FastAPI detail string is used instead", () => {
    expect(readOnePinError({ message: "  ", code: " ", detail: "Not authenticated" }, 401)).toStrictEqual({
      code: null,
      message: "Not authenticated",
      requestId: null,
      retryAfterMs: null,
    });
  });

  it("envelope details: empty entries skipped, a missing field or message left out, joined with '; '", () => {
    const body = {
      error: {
        code: "VALIDATION_ERROR",
        message: "Invalid request",
        details: [
          { field: "", message: "" },
          { message: "too long" },
          { field: "script_text" },
          { field: "a", message: "b" },
          "x",
        ],
      },
      meta: { request_id: "req_9" },
    };
    expect(readOnePinError(body, 422)).toStrictEqual({
      code: "VALIDATION_ERROR",
      message: "Invalid request (too long; script_text; a: b)",
      requestId: "req_9",
      retryAfterMs: null,
    });
  });

  it("FastAPI entries: loc joined with dots (strings and numbers only), a missing msg is 'invalid', no loc is the msg alone", () => {
    const detail = [
      { loc: ["body", 0, { x: 1 }, "name"], msg: "Field required", type: "missing" },
      { msg: "Bad body", type: "x" },
      { loc: ["query"], type: "x" },
      { loc: "body", msg: "Loc not a list", type: "x" },
    ];
    expect(readOnePinError({ detail }, 422)).toStrictEqual({
      code: "VALIDATION_ERROR",
      message: "body.0.name: Field required; Bad body; query: invalid; Loc not a list",
      requestId: null,
      retryAfterMs: null,
    });
  });
});
