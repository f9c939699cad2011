// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/onepin.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/onepin.yaml", version: "1.0.0", sha256: "c360da45fae4dbb490d640f934798b2fd88a1695ffd7c5aeb8728e02b4f694c4" } as const;
