// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/modelslab.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/modelslab.yaml", version: "1.0.0", sha256: "89c5ff69e89a543970d130a8675027a98d69af36b104ab4d88333f6d5714712e" } as const;
