// Type tests of the facade, checked by `tsc -p test/tsconfig.json` (the package's typecheck):
// every `@ts-expect-error` must meet an error, and every other line must compile. Nothing here
// runs; the adapters are never called.
import type { RunProvider } from "@runstatus/core";
import { createRunStatus, type ErrorKind, type Run, type RunStatus, type RunStatusError } from "runstatus";
import { type MagnificAdapterOptions, type MagnificStartInput, magnific } from "runstatus/magnific";
import { type ModelsLabAdapterOptions, type ModelsLabProvider, type ModelsLabStartInput, modelslab } from "runstatus/modelslab";
import { type OnePinAdapter, type OnePinAdapterOptions, type OnePinStartInput, onepin } from "runstatus/onepin";
import { type WondercatAdapterOptions, type WondercatStartInput, wondercat } from "runstatus/wondercat";
import { expectTypeOf } from "vitest";

const all = createRunStatus({ providers: [magnific(), onepin(), wondercat(), modelslab()] });
const ref = "onepin:7c9e6679-7425-40de-944b-e07fc1f90ae7/3fa85f64-5717-4562-b3fc-2c963f66afa6";
const dynamic: string = String(process.argv[2]);

export async function providerNames() {
  await all.start("onepin", "wf");
  // @ts-expect-error a provider name that is not composed
  await all.start("onepinnn", "wf");
  // @ts-expect-error a provider name that is not composed
  all.capabilities("nope");
  expectTypeOf(all.providers[0].name).toEqualTypeOf<"magnific">();
  // @ts-expect-error a literal reference to a provider that is not composed
  await all.get("onepinnn:wf/run");
  // Any string passes: references come from users, files and databases, and are checked at run time.
  await all.get(dynamic);
  await all.wait(ref);
  for await (const r of all.watch(dynamic)) expectTypeOf(r).toEqualTypeOf<Run>();
}

export async function startInputs() {
  await all.start("onepin", "wf", { script_text: "Hello", source_language: "en-us" });
  // @ts-expect-error OnePin's start takes script_text and source_language only
  await all.start("onepin", "wf", { script_txt: "typo" });
  // @ts-expect-error OnePin's inputs are strings
  await all.start("onepin", "wf", { script_text: 1 });
  await all.start("magnific", "app", { "input-1": "a cat", "input-2": 512, webhook: "https://hooks.example.org/m" });
  // @ts-expect-error Magnific takes strings and numbers, not booleans
  await all.start("magnific", "app", { "input-1": true });
  await all.start("wondercat", "bp", { "step_abc.prompt": "a red fox", variationPrompt: "warmer", skipMissingTextInputs: true });
  // @ts-expect-error Wondercat's run inputs are `<stepReferenceId>.<targetField>`
  await all.start("wondercat", "bp", { prompt: "a red fox" });
  await all.start("modelslab", "wf", { prompt: "a cat", width: 512, hd: true });
  expectTypeOf<OnePinStartInput>().toEqualTypeOf<{ readonly script_text?: string; readonly source_language?: string }>();
  expectTypeOf<Parameters<typeof all.start<"modelslab">>[2]>().toEqualTypeOf<ModelsLabStartInput | undefined>();
  expectTypeOf<{ "input-1": string; webhook: string }>().toMatchTypeOf<MagnificStartInput>();
  expectTypeOf<{ "step.field": string; variationLlm: string }>().toMatchTypeOf<WondercatStartInput>();
}

export function capabilities() {
  expectTypeOf(all.capabilities("onepin").cancel).toEqualTypeOf<true>();
  expectTypeOf(all.capabilities("onepin").pause).toEqualTypeOf<true>();
  expectTypeOf(all.capabilities("magnific").cancel).toEqualTypeOf<false>();
  expectTypeOf(all.capabilities("wondercat").pause).toEqualTypeOf<false>();
  expectTypeOf(all.capabilities("modelslab").cancel).toEqualTypeOf<true>();
  expectTypeOf(all.capabilities("modelslab").pause).toEqualTypeOf<false>();
  expectTypeOf(all.capabilities("onepin").progress).toEqualTypeOf<boolean>();
}

export async function lifecycle() {
  // cancel, pause and resume resolve with the run (ModelsLab's is read once after the call).
  expectTypeOf(await all.cancel(ref)).toEqualTypeOf<Run>();
  expectTypeOf(await all.cancel("modelslab:wf/42")).toEqualTypeOf<Run>();
  expectTypeOf(await all.pause(ref)).toEqualTypeOf<Run>();
  expectTypeOf(await all.resume(ref)).toEqualTypeOf<Run>();
  // @ts-expect-error Magnific has no cancel
  await all.cancel("magnific:uqzQLDr2Aw");
  // @ts-expect-error only OnePin pauses
  await all.pause("modelslab:wf/42");
  // @ts-expect-error only OnePin resumes
  await all.resume("wondercat:run_abc");
  await all.cancel(dynamic);

  // A facade whose adapters support no cancel has no cancel; one without pause has no pause.
  const readOnly = createRunStatus({ providers: [magnific(), wondercat()] });
  // @ts-expect-error no adapter of this facade can cancel
  await readOnly.cancel(dynamic);
  // @ts-expect-error no adapter of this facade can pause
  await readOnly.pause(dynamic);
  // @ts-expect-error no adapter of this facade can start a run of OnePin
  await readOnly.start("onepin", "wf");
  const noPause = createRunStatus({ providers: [modelslab()] });
  expectTypeOf(await noPause.cancel("modelslab:wf/42")).toEqualTypeOf<Run>();
  // @ts-expect-error ModelsLab does not pause
  await noPause.pause(dynamic);
}

export function untyped(providers: RunProvider[], rs: RunStatus) {
  // Adapters typed only as RunProvider (a list built at run time, a hand-written adapter): names
  // are strings and every operation is there, checked at run time.
  const loose = createRunStatus({ providers });
  expectTypeOf(loose.start).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(loose.capabilities("anything").cancel).toEqualTypeOf<boolean>();
  expectTypeOf(loose.cancel(dynamic)).toEqualTypeOf<Promise<Run>>();
  // A typed facade is a RunStatus, so code taking `RunStatus` accepts any facade.
  const asAny: RunStatus = all;
  return [asAny, rs.start(dynamic, "target", { anything: 1 })];
}

export function reExports() {
  // Every public type of an adapter is there from its subpath, and the facade's from the root.
  expectTypeOf<OnePinAdapterOptions>().toHaveProperty("workspaceId");
  expectTypeOf<OnePinAdapterOptions>().toHaveProperty("readOutputs");
  expectTypeOf<WondercatAdapterOptions>().toHaveProperty("project");
  expectTypeOf<ModelsLabAdapterOptions>().toHaveProperty("rateLimit");
  expectTypeOf<MagnificAdapterOptions>().toHaveProperty("apiKey");
  expectTypeOf<ReturnType<typeof onepin>>().toEqualTypeOf<OnePinAdapter>();
  expectTypeOf<ReturnType<typeof modelslab>>().toEqualTypeOf<ModelsLabProvider>();
  expectTypeOf<ErrorKind>().toMatchTypeOf<string>();
  expectTypeOf<RunStatusError["kind"]>().toEqualTypeOf<ErrorKind>();
}
