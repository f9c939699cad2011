// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/wondercat.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/wondercat.yaml", version: "1.0.0", sha256: "700147ca2037dd9dce866051c9b5483feabd89377a4cecdc32bf17db5308f644" } as const;
