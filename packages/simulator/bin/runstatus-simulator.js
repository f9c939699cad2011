#!/usr/bin/env node
// The runstatus-simulator command: runs the built command line in ../dist (built by `pnpm build`).
// The bin is this file rather than dist/bin.js so that installing a workspace before building links it.
import "../dist/bin.js";
