// What every process of the example shares: where Redis and the simulator are, and the providers.
// With real providers, drop the base URLs and set ONEPIN_API_KEY / MODELSLAB_API_KEY in the workers.
import { createRunStatus } from "runstatus";
import { modelslab } from "runstatus/modelslab";
import { onepin } from "runstatus/onepin";

export const connection = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const simulator = process.env.SIMULATOR_URL ?? "http://127.0.0.1:4010";

/** The facade on the simulator (it accepts any key). Only workers and the producer need it. */
export function runStatus() {
  return createRunStatus({
    providers: [
      onepin({ baseUrl: `${simulator}/onepin`, apiKey: process.env.ONEPIN_API_KEY ?? "op_live_example" }),
      modelslab({ baseUrl: `${simulator}/modelslab`, apiKey: process.env.MODELSLAB_API_KEY ?? "ml-example" }),
    ],
  });
}
