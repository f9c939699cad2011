import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** One request as the hostile server received it. */
export interface HostileRequest {
  method: string;
  /** The path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The credential the request carried, whichever header the provider uses (or null). */
  credential: string | null;
  /** What the handler threw while answering this request, if it did. */
  handlerError?: unknown;
}

/** How the server answers one request. Each method ends the exchange its own way. */
export interface HostileReply {
  /** A JSON answer (a string body is sent as it is). */
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** A text answer with an optional reason phrase (sent raw, so it may hold anything). */
  text(status: number, body: string, opts?: { headers?: Record<string, string>; reason?: string }): void;
  /** Writes these bytes on the socket as the whole answer, then closes it (malformed answers). */
  raw(bytes: string | Buffer): void;
  /** A redirect to `location`. */
  redirect(status: number, location: string): void;
  /** Destroys the connection before any answer. */
  reset(): void;
  /** Sends the status line and headers, then part of the body, then resets the connection. */
  truncate(status: number, partial: string, declaredLength: number): void;
  /** Accepts and never answers (the test's timeout or abort ends it). */
  hang(): void;
  /** Sends headers, then `chunk` every `everyMs` forever (until the client gives up). */
  drip(status: number, chunk: string, everyMs: number): void;
  /** A body of `bytes` bytes of valid JSON (a long string field), streamed without a length. */
  huge(status: number, bytes: number): void;
}

export type HostileHandler = (req: HostileRequest, reply: HostileReply) => void;

export interface HostileServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: HostileRequest[];
  /** Replaces how the next requests are answered. */
  handle(handler: HostileHandler): void;
  /** Stops the server, destroys open connections and clears its timers. */
  close(): Promise<void>;
}

/** The credential a provider request carries: `Authorization: Bearer`, `x-magnific-api-key` or ModelsLab's `key`. */
export function credentialOf(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (typeof auth === "string" && auth.startsWith("Bearer ")) return auth.slice(7);
  for (const name of ["x-magnific-api-key", "key"]) {
    const v = headers[name];
    if (typeof v === "string") return v;
  }
  return null;
}

/**
 * A loopback HTTP server on 127.0.0.1 and a free port that answers as `handler` says: it can
 * reset, hang, drip, truncate, redirect, send raw malformed answers and huge bodies. Every request
 * is recorded with the credential it carried, so a test can prove where a key was sent.
 */
export async function startHostileServer(handler: HostileHandler = (_q, r) => r.json(200, {})): Promise<HostileServer> {
  let current = handler;
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const seen: HostileRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      credential: credentialOf(req.headers),
    };
    requests.push(seen);
    req.resume();
    const socket = req.socket;
    const reply: HostileReply = {
      json: (status, body, headers = {}) => {
        const text = typeof body === "string" ? body : JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(text);
      },
      text: (status, body, opts = {}) => {
        const head = [
          `HTTP/1.1 ${status} ${opts.reason ?? "OK"}`,
          "connection: close",
          `content-length: ${Buffer.byteLength(body)}`,
        ];
        for (const [k, v] of Object.entries(opts.headers ?? {})) head.push(`${k}: ${v}`);
        socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
      },
      raw: (bytes) => socket.end(bytes),
      redirect: (status, location) => {
        res.writeHead(status, { location, "content-length": "0" });
        res.end();
      },
      reset: () => socket.resetAndDestroy(),
      truncate: (status, partial, declaredLength) => {
        socket.write(
          `HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\ncontent-length: ${declaredLength}\r\n\r\n${partial}`,
        );
        setTimeout(() => socket.resetAndDestroy(), 10);
      },
      hang: () => undefined,
      drip: (status, chunk, everyMs) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.write(chunk);
        const t = setInterval(() => {
          if (socket.destroyed) {
            clearInterval(t);
            timers.delete(t);
          } else res.write(chunk);
        }, everyMs);
        timers.add(t);
      },
      huge: (status, bytes) => {
        res.writeHead(status, { "content-type": "application/json" });
        const piece = "x".repeat(64 * 1024);
        let sent = 0;
        const prefix = '{"status":"running","data":{"status":"running"},"pad":"';
        res.write(prefix);
        sent += prefix.length;
        const pump = () => {
          while (sent < bytes - 2) {
            if (socket.destroyed) return;
            const ok = res.write(piece);
            sent += piece.length;
            if (!ok) return void res.once("drain", pump);
          }
          res.end('"}');
        };
        pump();
      },
    };
    try {
      current(seen, reply);
    } catch (err) {
      // A handler that throws must fail its test, not leave the client waiting forever.
      seen.handlerError = err;
      socket.resetAndDestroy();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    // A reset by the client is expected here; it is not the server's error.
    s.on("error", () => undefined);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle: (h) => {
      current = h;
    },
    close: async () => {
      for (const t of timers) clearInterval(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
