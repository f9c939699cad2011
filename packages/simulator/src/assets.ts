import type { Reply } from "./http.js";

// Tiny but well-formed files, so a downloaded output opens as what its extension says.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const MP4 = Buffer.from("000000186674797069736f6d0000020069736f6d6d703431", "hex");
const MP3 = Buffer.from("49443303000000000000", "hex");
const ZIP = Buffer.concat([Buffer.from("504b0506", "hex"), Buffer.alloc(18)]);

const TYPES: Record<string, [string, Buffer]> = {
  png: ["image/png", PNG],
  mp4: ["video/mp4", MP4],
  mp3: ["audio/mpeg", MP3],
  zip: ["application/zip", ZIP],
};

/** The bytes behind an output URL; null for an unknown extension. */
export function asset(file: string): Reply | null {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  const t = ext ? TYPES[ext] : undefined;
  return t ? { status: 200, raw: t[1], contentType: t[0] } : null;
}
