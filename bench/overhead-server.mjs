// The server side of bench/overhead.bench.mjs, run in a child process: answers every request with
// the same OnePin status body over keep-alive, so the bench's process spends its time on the client only.
import { createServer } from "node:http";

const WF = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const body = JSON.stringify({
  data: {
    id: RUN,
    workflow_id: WF,
    status: "running",
    run_number: 42,
    token_cost: 350,
    created_at: "2024-04-20T14:20:00Z",
    updated_at: "2024-04-20T14:25:00Z",
    total_nodes: 15,
    total_steps: 120,
    finished_steps: 45,
    usage_summary: { cpu_seconds: 12.5, memory_mb: 256, api_calls: 8 },
    started_at: "2024-04-20T14:22:00Z",
    completed_at: null,
    error: null,
    has_export: true,
    triggered_by: { user_id: "d290f1ee-6c54-4b01-90e6-d701748f0851", user_name: "jane.doe@example.com" },
  },
  meta: { request_id: "req_1234567890abcdef", timestamp: "2024-04-20T14:25:01Z" },
});
const length = Buffer.byteLength(body);

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": length });
  res.end(body);
});
server.keepAliveTimeout = 120_000;
server.maxRequestsPerSocket = 0;

process.on("message", (msg) => {
  if (msg.type === "exit") {
    server.close();
    process.exit(0);
  }
});

server.listen(0, "127.0.0.1", () =>
  process.send({ type: "ready", port: server.address().port, workflowId: WF, runId: RUN, bytes: length }),
);
