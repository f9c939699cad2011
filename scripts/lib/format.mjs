// Human-readable rendering of a spec report (terminal and changeset summaries).

const LABEL = { breaking: "breaking", additive: "additive", docs: "docs    " };

/** "response 200 application/json `data.status`: new value …" */
export function describeChange(c) {
  const where = [c.where, c.field ? `\`${c.field}\`` : ""].filter(Boolean).join(" ");
  return where ? `${where}: ${c.message}` : c.message;
}

/** Groups changes by what they are about: the document, each operation, each named schema. */
export function groupChanges(changes) {
  const groups = [];
  const byKey = new Map();
  for (const c of changes) {
    const key = `${c.scope}|${c.target}`;
    let g = byKey.get(key);
    if (!g) {
      g = { scope: c.scope, target: c.target, operationId: c.operationId, usedBy: c.usedBy ?? null, changes: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.changes.push(c);
  }
  return groups;
}

export function groupTitle(g) {
  if (g.scope === "document") return "document";
  if (g.scope === "operation") return g.operationId ? `${g.target} (${g.operationId})` : g.target;
  const used = g.usedBy?.length ? `used by ${g.usedBy.join(", ")}` : "not used by any operation";
  return `schema ${g.target} (${used})`;
}

function versions(p) {
  const b = p.before?.version ?? "—";
  const a = p.after?.version ?? "—";
  return b === a ? `version ${a}` : `version ${b} → ${a}`;
}

export function countsText(counts) {
  return `${counts.breaking} breaking, ${counts.additive} additive, ${counts.docs} docs-only`;
}

/** The terminal report of `pnpm spec:diff`. */
export function formatReport(report) {
  const lines = [];
  const base = report.base.sha ? `${report.base.short} (${report.base.label})` : report.base.label;
  lines.push(`spec:diff against ${base}`);
  for (const p of report.providers) {
    lines.push("");
    if (p.status === "no-base") {
      lines.push(`${p.provider}  ${p.file}: nothing to compare with`);
      continue;
    }
    if (p.status === "unchanged") {
      lines.push(`${p.provider}  ${p.file}: unchanged`);
      continue;
    }
    const status = p.status === "added" ? " (new spec)" : p.status === "removed" ? " (spec removed)" : "";
    lines.push(`${p.provider}  ${p.file}${status}  ${versions(p)}  →  ${p.package}: ${p.bump} (${countsText(p.counts)})`);
    for (const g of groupChanges(p.changes)) {
      lines.push(`  ${groupTitle(g)}`);
      for (const c of g.changes) lines.push(`    ${LABEL[c.kind]}  ${describeChange(c)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The summary of a spec changeset: one headline, then the change list, grouped. */
export function changesetSummary(p, { facadeNote } = {}) {
  const lines = [];
  const status = p.status === "added" ? "new spec " : p.status === "removed" ? "spec removed: " : "";
  lines.push(`${p.provider}: ${status}\`${p.file}\` ${versions(p)} (${countsText(p.counts)}).`);
  if (facadeNote) lines.push("", facadeNote);
  lines.push("");
  for (const g of groupChanges(p.changes)) {
    lines.push(`- ${groupTitle(g)}`);
    for (const c of g.changes) lines.push(`  - ${c.kind}: ${describeChange(c)}`);
  }
  return lines.join("\n");
}
