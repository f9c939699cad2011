// Scores a classifier on the corpus: the share of breaking cases it calls breaking, and the
// non-breaking cases it calls breaking (false alarms).
import { cases } from "./cases.mjs";

/** `classify(before, after)` returns "breaking" | "additive" | "docs" | null. */
export function score(classify) {
  const rows = cases.map((c) => ({ ...c, got: classify(c.before, c.after) }));
  const breaking = rows.filter((r) => r.expect === "breaking");
  const harmless = rows.filter((r) => r.expect !== "breaking");
  const caught = breaking.filter((r) => r.got === "breaking");
  const falseAlarms = harmless.filter((r) => r.got === "breaking");
  return {
    rows,
    breaking: breaking.length,
    caught: caught.length,
    harmless: harmless.length,
    falseAlarms: falseAlarms.map((r) => r.id),
    missed: breaking.filter((r) => r.got !== "breaking").map((r) => r.id),
    wrong: rows.filter((r) => r.got !== r.expect).map((r) => `${r.id}: ${r.got} (expected ${r.expect})`),
  };
}
