// GENERATED FILE - DO NOT EDIT. Run `pnpm generate` to rebuild it from specs/magnific.yaml.
/** Which spec this package's types were generated from. */
export const SPEC = { file: "specs/magnific.yaml", version: "1.0.0", sha256: "400e88d42dbfeef04ab7365c5788b0ed9ab9587ab28c1f95114331b7f638c839" } as const;
