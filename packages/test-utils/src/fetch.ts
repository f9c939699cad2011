/** One request as a recording fetch saw it; the body is read from a clone, so the request stays usable. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch to inject into an adapter or client: records each request and answers with `respond`. */
export function recordingFetch(respond: (req: Request) => Response | Promise<Response>) {
  const seen: SeenRequest[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    seen.push({ method: req.method, url: req.url, headers: req.headers, body: await req.clone().text() });
    return await respond(req);
  };
  return { fetch, seen };
}

/** A JSON answer; a string body is sent as it is (to answer with text that is not JSON). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** What `p` rejects with; fails the test when it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the promise to reject");
}
