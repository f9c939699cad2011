// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/magnific.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/magnific.yaml", version: "1.0.0", sha256: "707925e96fd1540992d6fbd3549db4b4906236dc521e66a6746f8df23cf7a15f" } as const;
