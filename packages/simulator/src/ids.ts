import { randomBytes, randomUUID } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random alphanumeric string (Magnific sqids are 10 of these). */
export function alnum(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALNUM[(bytes[i] as number) % ALNUM.length];
  return out;
}

export function hex(n: number): string {
  return randomBytes(Math.ceil(n / 2))
    .toString("hex")
    .slice(0, n);
}

export function uuid(): string {
  return randomUUID();
}

/** Id formats as each provider documents them. */
export const newId = {
  magnificRun: () => alnum(10),
  onepinRun: () => uuid(),
  wondercatRun: () => `run_${alnum(16)}`,
  requestId: () => `req_${hex(16)}`,
};
