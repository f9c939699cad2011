import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { parseCli, parseDuration } from "./args.js";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["45", 45_000],
    ["1.5", 1_500],
    ["250ms", 250],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "abc", "5d", "-1s", "0", "1 m s"])("rejects %j with a usage error", (text) => {
    expect(() => parseDuration(text)).toThrow(UsageError);
  });
});

describe("parseCli", () => {
  it("reads watch with several refs, --json and --timeout", () => {
    const a = parseCli(["watch", "onepin:a/b", "magnific:x", "--json", "--timeout", "5m"]);
    expect(a).toMatchObject({ command: "watch", positionals: ["onepin:a/b", "magnific:x"], json: true, timeoutMs: 300_000 });
  });

  it("reads start inputs, keeping '=' inside values", () => {
    const a = parseCli(["start", "modelslab", "wf", "--input", "prompt=a=b", "--input", "width=512"]);
    expect(a.inputs).toEqual([
      ["prompt", "a=b"],
      ["width", "512"],
    ]);
  });

  it.each([
    [[], /command is required/],
    [["launch", "x"], /unknown command "launch"/],
    [["get"], /get takes <ref>/],
    [["get", "a", "b"], /get takes <ref>/],
    [["start", "onepin"], /start takes <provider> <target>/],
    [["watch"], /watch takes <ref>/],
    [["get", "x", "--bogus"], /bogus/],
    [["start", "onepin", "w", "--input", "novalue"], /use key=value/],
    [["get", "x", "--api-key", ""], /--api-key is empty/],
  ])("%j is a usage error (%s)", (argv, message) => {
    expect(() => parseCli(argv as string[])).toThrow(UsageError);
    expect(() => parseCli(argv as string[])).toThrow(message as RegExp);
  });
});

describe("--timeout", () => {
  it("applies to every command", () => {
    for (const argv of [
      ["get", "onepin:a/b"],
      ["cancel", "onepin:a/b"],
      ["start", "onepin", "wf"],
      ["watch", "onepin:a/b"],
    ]) {
      expect(parseCli([...argv, "--timeout", "5s"]).timeoutMs).toBe(5000);
    }
  });
});
