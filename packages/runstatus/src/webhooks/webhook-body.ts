// Reading a webhook body from a public endpoint: a byte cap enforced while streaming (a body
// announced or found larger is refused without reading the rest), and JSON parsing that refuses
// nesting deeper than a bound before the parser sees the text.

/** Why a body was refused; the receiver turns each into a fixed 4xx message. */
export type BodyProblem = "too-large" | "not-json" | "too-deep" | "unreadable";

export class BodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(problem);
    this.name = "BodyError";
  }
}

/** Reads `request`'s body as UTF-8 text, at most `maxBytes`; a BodyError otherwise. */
export async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const announced = Number(request.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw new BodyError("too-large");
  }
  const body = request.body;
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new BodyError("too-large");
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof BodyError) throw e;
    throw new BodyError("unreadable");
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all);
  } catch {
    throw new BodyError("not-json");
  }
}

/** Parses JSON text whose arrays and objects nest at most `maxDepth` deep; a BodyError otherwise. */
export function parseShallowJson(text: string, maxDepth: number): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new BodyError("too-deep");
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("not-json");
  }
}
