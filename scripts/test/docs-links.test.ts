// Every relative link in the repository's Markdown resolves: the file exists, and a `#fragment`
// names a heading of the target (GitHub's anchor for it). Links to the web are not fetched.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The Markdown files users and contributors read: root, docs, specs, packages, examples (no node_modules, no generated). */
function markdownFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name === "dist" || name.startsWith(".") || name === "generated") continue;
      const path = join(dir, name);
      if (relative(root, path) === join("docs", "api")) continue;
      if (statSync(path).isDirectory()) {
        if (depth < 3) walk(path, depth + 1);
      } else if (name.endsWith(".md")) out.push(path);
    }
  };
  walk(root, 0);
  return out.filter((f) => !relative(root, f).startsWith("scripts/test/"));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => anchorOf(m[1] as string)));
}

/** `[text](target)` links outside code blocks and inline code, with their line numbers. */
function linksIn(file: string): { target: string; line: number }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: { target: string; line: number }[] = [];
  let fenced = false;
  for (const [i, raw] of lines.entries()) {
    if (/^\s*```/.test(raw)) fenced = !fenced;
    if (fenced) continue;
    const line = raw.replace(/`[^`]*`/g, "");
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: m[1] as string, line: i + 1 });
  }
  return out;
}

describe("Markdown links", () => {
  it("the anchor rule matches GitHub's for the headings used here", () => {
    expect(anchorOf("Magnific (`specs/magnific.yaml`)")).toBe("magnific-specsmagnificyaml");
    expect(anchorOf("Get, wait, watch")).toBe("get-wait-watch");
    expect(anchorOf("Start, cancel, pause, resume")).toBe("start-cancel-pause-resume");
  });

  it("every relative link names a file that exists, and a heading where it has a #fragment", () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const { target, line } of linksIn(file)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [path = "", fragment] = target.split("#");
        const resolved = path === "" ? file : join(dirname(file), decodeURIComponent(path));
        const where = `${relative(root, file)}:${line}: ${target}`;
        if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
        else if (fragment && resolved.endsWith(".md") && !anchorsIn(resolved).has(fragment))
          broken.push(`${where} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
