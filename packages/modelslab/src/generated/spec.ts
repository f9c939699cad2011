// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/modelslab.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/modelslab.yaml", version: "1.0.0", sha256: "b70c07a3c1777e5854f5114a13d3e4858a5f798be1bf54ee57f033072f6c1471" } as const;
