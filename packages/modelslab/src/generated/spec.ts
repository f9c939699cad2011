// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/modelslab.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/modelslab.yaml", version: "1.0.0", sha256: "2cf2497ae500cbcc1737daf3b5b74675e857ba2138c7ef7a577cb11fde74a825" } as const;
