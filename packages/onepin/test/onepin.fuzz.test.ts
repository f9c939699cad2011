import { itFuzzesStatusBodies } from "@runstatus/test-utils";
import { onepin } from "../src/index.js";

itFuzzesStatusBodies("onepin", onepin);
