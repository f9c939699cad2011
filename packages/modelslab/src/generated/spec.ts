// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/modelslab.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/modelslab.yaml", version: "1.0.0", sha256: "9bee18eaeb27dd82eab5b7ea8419653b993182216db7499e9e44a27b7451b85a" } as const;
