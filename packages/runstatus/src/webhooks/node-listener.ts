import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebhookHandler } from "./webhook-receiver.js";

/**
 * A Node `http` request listener around a Fetch-API handler:
 * `http.createServer(toNodeListener(createWebhookHandler(rs))).listen(8787)`. The body is streamed into the
 * handler, which enforces its own size cap; the answer is written back as is.
 */
export function toNodeListener(handler: WebhookHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string") headers.set(k, v);
      else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    }
    const method = (req.method ?? "GET").toUpperCase();
    const hasBody = method !== "GET" && method !== "HEAD";
    const request = new Request(new URL(req.url ?? "/", "http://localhost"), {
      method,
      headers,
      body: hasBody ? bodyStream(req) : null,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    handler(request)
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": String(body.length) });
        res.end(body);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { "content-length": "0" });
        res.end();
      })
      // The handler stops reading a body over its cap: once the answer is out, the rest is not read.
      .finally(() => {
        if (!req.complete) res.once("finish", () => req.destroy());
      });
  };
}

/** The request body as a web stream that pauses with backpressure; cancelling it stops reading without closing the socket. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once("end", () => {
        try {
          controller.close();
        } catch {}
      });
      req.once("error", () => {
        try {
          controller.error(new Error("request body aborted"));
        } catch {}
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeAllListeners("data");
      req.pause();
    },
  });
}
