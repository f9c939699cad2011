// The server side of bench/overhead.bench.mjs, run in a child process: answers every request with
// the same OnePin status body over keep-alive, so the bench's process spends its time on the client only.
import { createServer } from "node:http";
import { body, RUN, WF } from "./overhead-body.mjs";

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
