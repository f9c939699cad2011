import type { RunProvider, StartInput } from "@runstatus/core";

// What the facade's types read from the adapters it was given. An adapter built with
// `defineAdapter` carries its name, its capabilities as literal `true`/`false` and the input type
// of its `start`; a hand-written RunProvider carries `string`, `boolean` and StartInput, which
// types the facade as loosely as before.

/** The provider names of the adapters `P`, e.g. `"onepin" | "modelslab"`. */
export type ProviderName<P extends readonly RunProvider[]> = P[number]["name"];

type IfNamed<A, N extends string> = A extends { readonly name: infer M extends string }
  ? string extends M
    ? A
    : [Extract<M, N>] extends [never]
      ? never
      : A
  : never;

/** The adapter of `P` named `N` (an adapter whose name is typed `string` may be any). */
export type AdapterNamed<P extends readonly RunProvider[], N extends string> = IfNamed<P[number], N>;

/** The operations a provider may support beyond reading a run. */
export type Operation = "start" | "cancel" | "pause";

type NameIfSupports<A, Op extends Operation> = A extends { readonly capabilities: { readonly [K in Op]: false } }
  ? never
  : A extends { readonly name: infer N extends string }
    ? N
    : never;

/** The names of the adapters of `P` that support `op` (pause covers pause and resume). */
export type ProvidersWith<P extends readonly RunProvider[], Op extends Operation> = NameIfSupports<P[number], Op>;

/** What the adapter `A`'s `start` accepts as input (StartInput for an adapter that does not say). */
export type StartInputOf<A> = A extends { start?: (target: string, input: infer I, ...rest: never[]) => unknown }
  ? I
  : StartInput;

/**
 * A run reference as given: any `string` passes, and so does a literal whose provider is one of
 * `Ok`; a literal naming another provider does not compile, and its expected type says why
 * (`"magnific does not support cancel"`).
 */
export type RefTo<R extends string, Ok extends string, Why extends string> = string extends Ok
  ? R
  : R extends `${infer Name}:${string}`
    ? Name extends Ok
      ? R
      : `${Name} ${Why}`
    : R;
