import { describeMappingTypes } from "@runstatus/test-utils";

// The mapping's body reader is typed by the route's success response, so a field the mapping
// reads that the spec no longer has must fail the type check in the mapping.
describeMappingTypes("wondercat", "Run", "finalOutputs");
