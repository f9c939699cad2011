// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/onepin.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/onepin.yaml", version: "1.0.0", sha256: "d59b1ae2ea0be8d6861ad6c8681ddfc8ad7750a74ca94c42fe558dc0cf2174f5" } as const;
