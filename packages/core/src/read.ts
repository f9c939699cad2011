import { excerptOf, InvalidResponseError } from "./errors.js";

/**
 * The fields of a provider object, keyed like its generated schema type `T`. Values stay
 * `unknown` until a reader method checks them.
 */
export type Fields<T> = { [K in keyof T]-?: unknown };

type Key<T> = Extract<keyof T, string>;
/** The object type of field `K` of `T` (absent and null removed). */
type Child<T, K extends keyof T> = unknown extends T[K]
  ? Record<string, unknown>
  : NonNullable<T[K]> extends object
    ? NonNullable<T[K]>
    : Record<string, unknown>;
/** The element type of the array field `K` of `T`. */
type Item<T, K extends keyof T> = NonNullable<T[K]> extends readonly (infer E)[] ? Child<{ e: E }, "e"> : Record<string, unknown>;

/**
 * A checked object of a provider body, read field by field: `reader.str("status")` fails naming
 * the field's full path (e.g. `data.status`), so each field name is written once in an adapter.
 * Keys are those of `T`, the route's generated response type, and nested readers take the type
 * of their field: reading a field the spec does not have is a type error.
 */
export interface BodyReader<T = Record<string, unknown>> {
  /** The object itself, unchecked, for checks the methods do not cover. */
  readonly raw: Fields<T>;
  /** This object's path in the body: "$" for the body itself, then e.g. "data", "steps[2]". */
  readonly path: string;
  str(k: Key<T>): string;
  optStr(k: Key<T>): string | null;
  num(k: Key<T>): number;
  optNum(k: Key<T>): number | null;
  /** A non-empty string or a finite number, returned as a string (ids). */
  id(k: Key<T>): string;
  obj<K extends Key<T>>(k: K): BodyReader<Child<T, K>>;
  optObj<K extends Key<T>>(k: K): BodyReader<Child<T, K>> | null;
  /** The array field `k`, each element checked as an object; with `optional`, absent or null → []. */
  list<K extends Key<T>>(k: K, optional?: boolean): BodyReader<Item<T, K>>[];
  /** The array field `k`, each element checked as a string. */
  strs(k: Key<T>): string[];
  /** Fails naming field `k` (e.g. "is not a positive number"). */
  fail(k: Key<T>, what: string): never;
}

/**
 * A body as a {@link BodyReader}. Each reader method checks the type and throws an
 * InvalidResponseError naming the provider, the HTTP status, the field path and a short redacted
 * excerpt of `text`, so a body that lacks what the mapping needs never yields `undefined` in a run.
 */
export function bodyReader<T = Record<string, unknown>>(
  provider: string,
  status: number,
  text: string,
  secrets: readonly (string | null | undefined)[],
  body: unknown,
): BodyReader<T> {
  return view(failer(provider, status, text, secrets), body, "$") as BodyReader<T>;
}

type Fail = (path: string, what: string) => never;
type Type = "object" | "array" | "string" | "number" | "id";

const failer =
  (provider: string, status: number, text: string, secrets: readonly (string | null | undefined)[]): Fail =>
  (path, what) => {
    throw new InvalidResponseError({
      provider,
      status,
      message: `response field \`${path}\` ${what}`,
      excerpt: excerptOf(text, secrets),
    });
  };

const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const TESTS: Record<Type, (v: unknown) => boolean> = {
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === "string",
  number: finite,
  id: (v) => (typeof v === "string" && v !== "") || finite(v),
};

/**
 * `v` when it is of `type` (an id as a string); with `optional`, absent or null → null (a fresh []
 * for arrays); else a failure naming the path and saying what the value is not.
 */
function check(fail: Fail, v: unknown, path: string, type: Type, optional?: boolean): never {
  if (optional && (v === undefined || v === null)) return (type === "array" ? [] : null) as never;
  if (TESTS[type](v)) return (type === "id" ? String(v) : v) as never;
  return fail(path, v === undefined ? "is missing" : `is not ${/^[aio]/.test(type) ? "an" : "a"} ${type}`);
}

function view(fail: Fail, value: unknown, path: string): BodyReader {
  const o = check(fail, value, path, "object") as Record<string, unknown>;
  const at = (k: string) => (path === "$" ? k : `${path}.${k}`);
  const field = (type: Type, optional?: boolean) => (k: string) => check(fail, o[k], at(k), type, optional);
  const items = (k: string, optional?: boolean) => check(fail, o[k], at(k), "array", optional) as unknown[];
  return {
    raw: o,
    path,
    str: field("string"),
    optStr: field("string", true),
    num: field("number"),
    optNum: field("number", true),
    id: field("id"),
    obj: (k) => view(fail, o[k], at(k)),
    optObj: (k) => (o[k] === undefined || o[k] === null ? null : view(fail, o[k], at(k))),
    list: (k, optional) => items(k, optional).map((x, i) => view(fail, x, `${at(k)}[${i}]`)),
    strs: (k) => items(k).map((x, i) => check(fail, x, `${at(k)}[${i}]`, "string")),
    fail: (k, what) => fail(at(k), what),
  } as BodyReader;
}
