import { excerptOf, InvalidResponseError } from "./errors.js";

/**
 * The fields of a provider object, keyed like its generated schema type `T`. Reading a field the
 * spec no longer has is then a type error in the adapter, so a spec upgrade that drops a field
 * the mapping reads fails `tsc`. Values stay `unknown` until a reader method checks them.
 */
export type Fields<T> = { [K in keyof T]-?: unknown };

type Key<T> = Extract<keyof T, string>;

/**
 * A checked object of a provider body, read field by field: `view.str("status")` fails naming
 * the field's full path (e.g. `data.status`), so each field name is written once in an adapter.
 * Keys are those of the generated schema type `T`, so a field the spec drops fails `tsc`.
 */
export interface View<T = Record<string, unknown>> {
  /** The raw fields, for checks the methods do not cover. */
  readonly v: Fields<T>;
  /** This object's path in the body: "$" for the body itself, then e.g. "data", "steps[2]". */
  readonly path: string;
  str(k: Key<T>): string;
  optStr(k: Key<T>): string | null;
  num(k: Key<T>): number;
  optNum(k: Key<T>): number | null;
  /** A non-empty string or a finite number, returned as a string (ids). */
  id(k: Key<T>): string;
  obj<U = Record<string, unknown>>(k: Key<T>): View<U>;
  optObj<U = Record<string, unknown>>(k: Key<T>): View<U> | null;
  /** The array field `k`, each element checked as an object; with `optional`, absent or null → []. */
  list<U = Record<string, unknown>>(k: Key<T>, optional?: boolean): View<U>[];
  /** The array field `k`, each element checked as a string. */
  strs(k: Key<T>): string[];
  /** Fails naming field `k` (e.g. "is not a positive number"). */
  fail(k: Key<T>, what: string): never;
}

/**
 * Field readers for mapping a provider body to the run model. Each one checks the type and
 * throws an InvalidResponseError naming the provider, the HTTP status, the field path and a short
 * excerpt, so a body that lacks what the mapping needs never yields `undefined` in a run.
 */
export interface Reader {
  /** The body (or any value at `path`) as a {@link View}; adapters read through this. */
  view<T = Record<string, unknown>>(v: unknown, path?: string): View<T>;
  /** `r.obj<Schemas["Run"]>(body.data, "data")` ties the field names read to the spec. */
  obj<T = Record<string, unknown>>(v: unknown, path: string): Fields<T>;
  optObj<T = Record<string, unknown>>(v: unknown, path: string): Fields<T> | null;
  arr(v: unknown, path: string): unknown[];
  /** Absent or null → []. */
  optArr(v: unknown, path: string): unknown[];
  str(v: unknown, path: string): string;
  optStr(v: unknown, path: string): string | null;
  num(v: unknown, path: string): number;
  optNum(v: unknown, path: string): number | null;
  /** A string or a number, returned as a string (ids). */
  id(v: unknown, path: string): string;
  fail(path: string, what: string): never;
}

export function reader(
  provider: string,
  status: number,
  text: string,
  secrets: readonly (string | null | undefined)[] = [],
): Reader {
  const fail = failer(provider, status, text, secrets);
  const read =
    (type: Type, optional?: boolean) =>
    (v: unknown, path: string): never =>
      check(fail, v, path, type, optional);
  return {
    view: (v, path = "$") => view(fail, v, path) as never,
    fail,
    obj: read("object"),
    optObj: read("object", true),
    arr: read("array"),
    optArr: read("array", true),
    str: read("string"),
    optStr: read("string", true),
    num: read("number"),
    optNum: read("number", true),
    id: read("id"),
  };
}

/** The body of an answer as a {@link View} (adapters read through this; the rest of {@link Reader} then stays out of a bundle). */
export function bodyView<T = Record<string, unknown>>(
  provider: string,
  status: number,
  text: string,
  secrets: readonly (string | null | undefined)[],
  body: unknown,
): View<T> {
  return view(failer(provider, status, text, secrets), body, "$") as View<T>;
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

function view(fail: Fail, value: unknown, path: string): View {
  const o = check(fail, value, path, "object") as Record<string, unknown>;
  const at = (k: string) => (path === "$" ? k : `${path}.${k}`);
  const field = (type: Type, optional?: boolean) => (k: string) => check(fail, o[k], at(k), type, optional);
  const items = (k: string, optional?: boolean) => check(fail, o[k], at(k), "array", optional) as unknown[];
  return {
    v: o,
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
  } as View;
}
