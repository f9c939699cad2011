// Type tests (checked by `tsc`, run by typecheck): the facade re-exports the error union and its kinds.
import { expectTypeOf } from "vitest";
import { type AnyRunStatusError, type ApiError, type ErrorKind, RunStatusError } from "./index.js";

declare const caught: unknown;
if (RunStatusError.is(caught) && caught.kind === "api") {
  expectTypeOf(caught).toEqualTypeOf<ApiError>();
  expectTypeOf(caught.status).toEqualTypeOf<number>();
}
expectTypeOf<AnyRunStatusError["kind"]>().toEqualTypeOf<ErrorKind>();
expectTypeOf<ErrorKind>().toEqualTypeOf<
  "usage" | "unsupported" | "api" | "invalid_response" | "transport" | "unknown_state" | "timeout" | "aborted"
>();
