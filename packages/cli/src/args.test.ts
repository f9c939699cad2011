import { UsageError } from "@runstatus/core";
import { describe, expect, it } from "vitest";
import { parseCli, parseDuration } from "./args.js";
import { COMMAND_SPECS, COMMANDS, commandHelp, globalHelp } from "./help.js";

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

describe("parseCli: watch flags, pause and resume", () => {
  it("reads --interval, --max-interval, --fail-fast and --no-color", () => {
    const a = parseCli([
      "watch",
      "onepin:a/b",
      "magnific:x",
      "--interval",
      "2s",
      "--max-interval",
      "1m",
      "--fail-fast",
      "--no-color",
    ]);
    expect(a).toMatchObject({ intervalMs: 2000, maxIntervalMs: 60_000, failFast: true, noColor: true });
    expect(parseCli(["watch", "onepin:a/b"])).toMatchObject({
      intervalMs: null,
      maxIntervalMs: null,
      failFast: false,
      noColor: false,
    });
  });

  it.each([["pause"], ["resume"]])("reads %s <ref> [--json]", (cmd) => {
    expect(parseCli([cmd, "onepin:a/b", "--json"])).toMatchObject({ command: cmd, positionals: ["onepin:a/b"], json: true });
  });

  it.each([
    [
      ["watch", "x", "--interval", "5s", "--max-interval", "1s"],
      /--max-interval \(1s\) must not be shorter than --interval \(5s\)/,
    ],
    [["watch", "x", "--interval", "soon"], /invalid duration "soon" for --interval/],
    [
      ["watch", "x", "--max-interval", "500ms"],
      /--max-interval \(500ms\) must not be shorter than the default --interval \(1s\)/,
    ],
    [["get", "x", "--fail-fast"], /--fail-fast applies to watch only/],
    [["get", "x", "--interval", "1s"], /--interval applies to watch only/],
    [["pause"], /pause takes <ref>; got 0 arguments/],
  ])("%j is a usage error (%s)", (argv, message) => {
    expect(() => parseCli(argv as string[])).toThrow(UsageError);
    expect(() => parseCli(argv as string[])).toThrow(message as RegExp);
  });
});

describe("parseCli: messages that point to the help", () => {
  it.each([
    [[], /^a command is required: get, watch, start, cancel, pause, resume; run `runstatus --help` for usage$/],
    [["launch"], /unknown command "launch".*; run `runstatus --help` for usage$/],
    [["get", "x", "--bogus"], /^unknown option --bogus; run `runstatus get --help` for its usage$/],
    [["watch", "x", "--jsn"], /^unknown option --jsn \(did you mean --json\?\); run `runstatus watch --help`/],
    [["watch", "x", "--timeout"], /^--timeout needs a value \(--timeout <d>\); run `runstatus watch --help`/],
    [["watch", "x", "--timeout", "--json"], /^--timeout needs a value/],
    [["get", "x", "--json=yes"], /^--json takes no value, got "yes"/],
    [["get", "-z", "x"], /^unknown option -z; run `runstatus get --help`/],
    [["get"], /get takes <ref>; got 0 arguments; run `runstatus get --help` for its usage$/],
  ])("%j → %s", (argv, message) => {
    const err = (() => {
      try {
        parseCli(argv as string[]);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err?.message).toMatch(message as RegExp);
    // Never Node's own parseArgs wording.
    expect(err?.message).not.toMatch(/To specify a positional argument|ERR_PARSE_ARGS/);
  });
});

describe("help", () => {
  it.each([
    [["--help"], null],
    [["-h"], null],
    [["help"], null],
    [["get", "--help"], "get"],
    [["watch", "-h", "--bogus-is-ignored-with-help"], "watch"],
    [["help", "pause"], "pause"],
    [["start", "--help"], "start"],
  ])("%j asks for the help of %s", (argv, about) => {
    expect(parseCli(argv as string[])).toMatchObject({ command: "help", helpFor: about });
  });

  it("the global help lists every command, --help and --version, and points to the per-command help", () => {
    const h = globalHelp();
    for (const c of COMMANDS) expect(h).toContain(`runstatus ${c} `);
    expect(h).toMatch(/^ {2}--help\s+show help/m);
    expect(h).toMatch(/^ {2}--version\s+show the version/m);
    expect(h).toContain("runstatus <command> --help");
  });

  it.each(COMMANDS.map((c) => [c]))("%s --help shows its usage, each of its options and examples", (c) => {
    const h = commandHelp(c);
    expect(h.startsWith(`Usage: runstatus ${c} `)).toBe(true);
    for (const f of COMMAND_SPECS[c].flags) expect(h).toMatch(new RegExp(`^ {2}--${f}\\b`, "m"));
    const examples = h.slice(h.indexOf("Examples:"));
    expect(examples).toMatch(new RegExp(`runstatus ${c} `));
    // Only its own options.
    if (c !== "watch") expect(h).not.toContain("--fail-fast");
  });
});
