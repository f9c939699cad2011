// Typed errors for the repo scripts. Each CLI prints `err.message` and exits with `err.exitCode`,
// so a failure is one clear line (or one line per problem) and never a stack trace.

export class ToolError extends Error {
  constructor(message, { exitCode = 1, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ToolError";
    this.exitCode = exitCode;
  }
}

/** Bad arguments: an unknown option, provider or git ref. Exit code 2. */
export class UsageError extends ToolError {
  constructor(message) {
    super(message, { exitCode: 2 });
    this.name = "UsageError";
  }
}

/**
 * A spec that does not parse or fails lint. `problems` holds one entry per problem, each
 * `{ file, line, col, rule, message }`; the message lists them as "file:line:col rule message".
 */
export class SpecError extends ToolError {
  constructor(problems, { intro } = {}) {
    const lines = problems.map(formatProblem);
    super(intro ? `${intro}\n${lines.join("\n")}` : lines.join("\n"));
    this.name = "SpecError";
    this.problems = problems;
  }
}

export function formatProblem(p) {
  return `${p.file}:${p.line ?? "?"}:${p.col ?? "?"} ${p.rule} ${p.message}`;
}

/** Runs a CLI's main function: prints typed errors without a stack, exits with their code. */
export async function runMain(main) {
  try {
    const code = await main(process.argv.slice(2));
    process.exitCode = typeof code === "number" ? code : 0;
  } catch (err) {
    if (err instanceof ToolError) {
      console.error(err.message);
      process.exitCode = err.exitCode;
    } else {
      console.error(err?.stack ?? String(err));
      process.exitCode = 1;
    }
  }
}
