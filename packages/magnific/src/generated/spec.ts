// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/magnific.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/magnific.yaml", version: "1.0.0", sha256: "966a4d1386b8c97eef5380e8846846abbc5220456061109ac921faae812f0d93" } as const;
