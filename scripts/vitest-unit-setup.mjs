// The unit files share worker processes (isolate: false in vitest.config.ts): after each file,
// what it changed for the process (fake timers, stubbed globals and env, spies) is put back, so
// the next file starts from the real ones.
import { afterAll, vi } from "vitest";

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
