import { describe, expect, it } from "vitest";
import { terminalSafe } from "./text.js";

describe("terminalSafe", () => {
  it("removes colour, cursor and title sequences a server put in a status", () => {
    expect(terminalSafe("\u001b[31mfailed\u001b[0m")).toBe("failed");
    expect(terminalSafe("ok\u001b[2J\u001b[Hgone")).toBe("okgone");
    expect(terminalSafe("\u001b]0;owned\u0007title")).toBe("title");
    expect(terminalSafe("\u001b]8;;https://x.test\u001b\\link\u001b]8;;\u001b\\")).toBe("link");
    expect(terminalSafe("a\u009b31mb")).toBe("ab");
  });

  it("removes bare control characters but keeps tabs, newlines and ordinary text", () => {
    expect(terminalSafe("back\bspace\rreturn\u0007bell\u007f")).toBe("backspacereturnbell");
    expect(terminalSafe("line one\n\tline two — ünïcode ✓")).toBe("line one\n\tline two — ünïcode ✓");
  });

  it("drops a lone escape at the end of a cut-off text", () => {
    expect(terminalSafe("cut\u001b")).toBe("cut");
    expect(terminalSafe("cut\u001b[31")).toBe("cut31");
  });
});

describe("terminalSafe: unterminated sequences", () => {
  it("an OSC that never ends (a title set with no BEL) is removed to the end of the text", () => {
    expect(terminalSafe("status\u001b]0;owned by server")).toBe("status");
  });
});
