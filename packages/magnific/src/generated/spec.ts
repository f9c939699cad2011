// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/magnific.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/magnific.yaml", version: "1.0.0", sha256: "7f52236e472356a3d4488555142c909d09378b1d2f6ae8496b07036dac5a6934" } as const;
