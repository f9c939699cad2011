import { itFuzzesStatusBodies } from "@runstatus/test-utils";
import { magnific } from "../src/index.js";

itFuzzesStatusBodies("magnific", magnific);
