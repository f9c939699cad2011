import { excerptOf, InvalidResponseError } from "./errors.js";

/**
 * The fields of a provider object, keyed like its generated schema type `T`. Reading a field the
 * spec no longer has is then a type error in the adapter, so a spec upgrade that drops a field
 * the mapping reads fails `tsc`. Values stay `unknown` until a reader method checks them.
 */
export type Fields<T> = { [K in keyof T]-?: unknown };

/**
 * Field readers for mapping a provider body to the run model. Each one checks the type and
 * throws an InvalidResponseError naming the provider, the HTTP status, the field path and a short
 * excerpt, so a body that lacks what the mapping needs never yields `undefined` in a run.
 */
export interface Reader {
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
  const fail = (path: string, what: string): never => {
    throw new InvalidResponseError({
      provider,
      status,
      message: `response field \`${path}\` ${what}`,
      excerpt: excerptOf(text, secrets),
    });
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  return {
    fail,
    obj: <T>(v: unknown, p: string) => (isObj(v) ? v : fail(p, v === undefined ? "is missing" : "is not an object")) as Fields<T>,
    optObj: <T>(v: unknown, p: string) =>
      (v === undefined || v === null ? null : isObj(v) ? v : fail(p, "is not an object")) as Fields<T> | null,
    arr: (v, p) => (Array.isArray(v) ? v : fail(p, v === undefined ? "is missing" : "is not an array")),
    optArr: (v, p) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : fail(p, "is not an array")),
    str: (v, p) => (typeof v === "string" ? v : fail(p, v === undefined ? "is missing" : "is not a string")),
    optStr: (v, p) => (v === undefined || v === null ? null : typeof v === "string" ? v : fail(p, "is not a string")),
    num: (v, p) =>
      typeof v === "number" && Number.isFinite(v) ? v : fail(p, v === undefined ? "is missing" : "is not a number"),
    optNum: (v, p) =>
      v === undefined || v === null ? null : typeof v === "number" && Number.isFinite(v) ? v : fail(p, "is not a number"),
    id: (v, p) =>
      typeof v === "string" && v !== ""
        ? v
        : typeof v === "number" && Number.isFinite(v)
          ? String(v)
          : fail(p, v === undefined ? "is missing" : "is not an id"),
  };
}
