// Type tests (checked by `tsc`, run by typecheck): the errors are a union discriminated on `kind`.
import { expectTypeOf } from "vitest";
import {
  type AbortError,
  type AnyRunStatusError,
  type ApiError,
  type ErrorKind,
  type InvalidResponseError,
  RunStatusError,
  type TimeoutError,
  type TransportError,
  type UnknownStateError,
  type UnsupportedError,
  type UsageError,
} from "./index.js";

declare const caught: unknown;

if (RunStatusError.is(caught)) {
  expectTypeOf(caught).toEqualTypeOf<AnyRunStatusError>();
  expectTypeOf(caught.kind).toEqualTypeOf<ErrorKind>();
  if (caught.kind === "api") {
    expectTypeOf(caught).toEqualTypeOf<ApiError>();
    expectTypeOf(caught.status).toEqualTypeOf<number>();
  }
  if (caught.kind === "invalid_response") expectTypeOf(caught.excerpt).toEqualTypeOf<string | null>();
  if (caught.kind === "transport") expectTypeOf(caught).toEqualTypeOf<TransportError>();
  if (caught.kind === "unknown_state") expectTypeOf(caught.providerStatus).toEqualTypeOf<string>();
  if (caught.kind === "timeout") expectTypeOf(caught.timeoutMs).toEqualTypeOf<number>();
  if (caught.kind === "unsupported") expectTypeOf(caught.operation).toEqualTypeOf<string>();
  if (caught.kind === "usage") {
    expectTypeOf(caught).toEqualTypeOf<UsageError>();
    // @ts-expect-error a usage error has no HTTP status
    caught.status;
  }
  if (caught.kind === "aborted") expectTypeOf(caught).toEqualTypeOf<AbortError>();
  // @ts-expect-error "http" is not a kind
  if (caught.kind === "http") void 0;
  // @ts-expect-error without narrowing, status is not on every error
  caught.status;
}

// Each class's kind is its literal (InvalidResponseError is an ApiError of its own kind).
expectTypeOf<UsageError["kind"]>().toEqualTypeOf<"usage">();
expectTypeOf<UnsupportedError["kind"]>().toEqualTypeOf<"unsupported">();
expectTypeOf<ApiError["kind"]>().toEqualTypeOf<"api" | "invalid_response">();
expectTypeOf<InvalidResponseError["kind"]>().toEqualTypeOf<"invalid_response">();
expectTypeOf<TransportError["kind"]>().toEqualTypeOf<"transport">();
expectTypeOf<UnknownStateError["kind"]>().toEqualTypeOf<"unknown_state">();
expectTypeOf<TimeoutError["kind"]>().toEqualTypeOf<"timeout">();
expectTypeOf<AbortError["kind"]>().toEqualTypeOf<"aborted">();
// Every kind has a class.
expectTypeOf<AnyRunStatusError["kind"]>().toEqualTypeOf<ErrorKind>();
