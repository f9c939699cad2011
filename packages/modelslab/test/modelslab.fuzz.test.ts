import { itFuzzesStatusBodies } from "@runstatus/test-utils";
import { modelslab } from "../src/index.js";

itFuzzesStatusBodies("modelslab", modelslab);
