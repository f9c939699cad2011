import { describe, expect, it } from "vitest";
import {
  addMs,
  isTerminal,
  kindFromMime,
  kindFromUrl,
  makeOutput,
  makeRun,
  mapState,
  mimeFromUrl,
  TERMINAL_STATES,
  urlExtension,
} from "./run.js";
import type { RunState } from "./types.js";

describe("states", () => {
  it("terminal: succeeded, partial, failed, cancelled, and nothing else", () => {
    expect([...TERMINAL_STATES].sort()).toEqual(["cancelled", "failed", "partial", "succeeded"]);
    const open: RunState[] = ["queued", "running", "paused", "unknown"];
    for (const s of open) expect(isTerminal(s)).toBe(false);
  });

  it("mapState maps through the table; anything else is unknown, even names on Object.prototype", () => {
    const table = { pending: "queued", completed: "succeeded" } as const;
    expect(mapState(table, "pending")).toBe("queued");
    expect(mapState(table, "completed")).toBe("succeeded");
    for (const raw of ["Completed", "stalled", "", "toString", "__proto__", "constructor", "hasOwnProperty"]) {
      expect(mapState(table, raw)).toBe("unknown");
    }
  });
});

describe("makeRun", () => {
  it("derives id, ref and terminal, and defaults every optional field", () => {
    expect(makeRun({ provider: "onepin", ids: ["wf", "r1"], state: "failed", providerStatus: "failed" })).toEqual({
      provider: "onepin",
      id: "r1",
      ref: "onepin:wf/r1",
      state: "failed",
      terminal: true,
      providerStatus: "failed",
      progress: null,
      steps: [],
      outputs: [],
      error: null,
      createdAt: null,
      startedAt: null,
      completedAt: null,
    });
  });

  it("keeps the fields it is given", () => {
    const run = makeRun({
      provider: "modelslab",
      ids: ["wf", "12345"],
      state: "running",
      providerStatus: "running",
      progress: { completed: 1, total: null },
      error: { message: "x" },
      startedAt: "2026-01-01T00:00:00Z",
    });
    expect(run).toMatchObject({
      id: "12345",
      terminal: false,
      progress: { completed: 1, total: null },
      startedAt: "2026-01-01T00:00:00Z",
    });
  });
});

describe("outputs", () => {
  it.each([
    ["https://cdn.test/a/b.png", "image", "image/png"],
    ["https://cdn.test/a.JPG", "image", "image/jpeg"],
    ["https://cdn.test/a.jpeg?token=exp_1~hmac_2", "image", "image/jpeg"],
    ["https://cdn.test/a.webp#frag", "image", "image/webp"],
    ["https://cdn.test/a.gif", "image", "image/gif"],
    ["https://cdn.test/a.mp4", "video", "video/mp4"],
    ["https://cdn.test/a.webm", "video", "video/webm"],
    ["https://cdn.test/a.mov", "video", "video/quicktime"],
    ["https://cdn.test/a.mp3", "audio", "audio/mpeg"],
    ["https://cdn.test/a.wav", "audio", "audio/wav"],
    ["https://cdn.test/a.ogg", "audio", "audio/ogg"],
    ["https://cdn.test/a.flac", "audio", "audio/flac"],
    ["https://cdn.test/a.m4a", "audio", "audio/mp4"],
    // Only the listed extensions name a kind; anything else, .txt included, is a file.
    ["https://cdn.test/a.txt", "file", null],
    ["https://cdn.test/a.zip", "file", null],
    ["https://cdn.test/download", "file", null],
    ["https://cdn.test/a.png/download", "file", null],
    ["https://cdn.test/?f=a.png", "file", null],
  ])("%s → %s, %s (kind from the file extension)", (url, kind, mime) => {
    expect(kindFromUrl(url)).toBe(kind);
    expect(mimeFromUrl(url)).toBe(mime);
  });

  it("urlExtension reads the path of relative and odd URLs too", () => {
    expect(urlExtension("files/a.PNG?x=1")).toBe("png");
    expect(urlExtension("not a url.mp4")).toBe("mp4");
    expect(urlExtension("")).toBeNull();
  });

  it("kindFromMime uses the top-level type; anything else is a file", () => {
    expect(kindFromMime("image/png")).toBe("image");
    expect(kindFromMime("VIDEO/MP4")).toBe("video");
    expect(kindFromMime("audio/mpeg")).toBe("audio");
    expect(kindFromMime("text/plain")).toBe("text");
    for (const m of ["application/zip", "", null, undefined, "imagery/x"]) expect(kindFromMime(m)).toBe("file");
  });

  it("makeOutput defaults every optional field to null", () => {
    expect(makeOutput({ url: "https://x.test/a.bin", kind: "file" })).toEqual({
      url: "https://x.test/a.bin",
      kind: "file",
      mimeType: null,
      width: null,
      height: null,
      durationMs: null,
      expiresAt: null,
    });
    expect(makeOutput({ url: "u", kind: "image", width: 0, height: 0 })).toMatchObject({ width: 0, height: 0 });
  });

  it("addMs adds to an ISO instant; missing or unreadable is null", () => {
    expect(addMs("2026-01-01T00:00:00Z", 12 * 3600 * 1000)).toBe("2026-01-01T12:00:00.000Z");
    expect(addMs(null, 1)).toBeNull();
    expect(addMs(undefined, 1)).toBeNull();
    expect(addMs("yesterday", 1)).toBeNull();
  });
});

describe("makeRun without ids", () => {
  it("has an empty id rather than an invented one", () => {
    expect(makeRun({ provider: "onepin", ids: [], state: "queued", providerStatus: "queued" }).id).toBe("");
  });
});
