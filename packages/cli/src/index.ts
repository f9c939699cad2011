export { parseDuration } from "./args.js";
export { type CliIO, PROVIDERS, runCli } from "./cli.js";
