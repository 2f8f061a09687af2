import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id (algorithm 2) with the OWASP-recommended minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The password checker was saturated; the caller should come back in `retryAfterSeconds`. */
export class PasswordCheckBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many login attempts in progress; try again in ${retryAfterSeconds} s`);
    this.name = "PasswordCheckBusyError";
  }
}

/**
 * Each argon2 run takes 19 MiB and tens of milliseconds of a core. At most `limit` run at once and
 * at most `maxQueued` wait; anything beyond is refused at once, so a flood of logins costs a
 * bounded amount of CPU and memory instead of starving the whole console.
 */
export class PasswordGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  /** Moving average of one run, for the retry hint. */
  private avgMs = 50;

  constructor(
    readonly limit = 2,
    readonly maxQueued = 32,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.queue.length >= this.maxQueued) {
        const ahead = this.active + this.queue.length;
        throw new PasswordCheckBusyError(Math.max(1, Math.ceil((ahead / this.limit) * (this.avgMs / 1000))));
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.avgMs = this.avgMs * 0.8 + (performance.now() - start) * 0.2;
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** The one gate every password hash and check in this process goes through. */
export const passwordGate = new PasswordGate();

export function hashPassword(password: string): Promise<string> {
  return passwordGate.run(() => hash(password, ARGON2));
}

/** Throws PasswordCheckBusyError when the checker is saturated (see PasswordGate). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  return passwordGate.run(async () => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  });
}

/** A hash that costs the same as a real one, for unknown users (no user-enumeration by timing). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  // Made once, outside the gate: a refusal must not be cached as the dummy hash.
  dummyHash ??= hash(randomBytes(16).toString("hex"), ARGON2);
  return dummyHash;
}

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** AES-256-GCM for secrets at rest (webhook keys, later registry credentials). */
export class SecretBox {
  private readonly key: Buffer;
  constructor(keyMaterial: string) {
    // Any string works as key material; it is stretched to 32 bytes.
    this.key = createHash("sha256").update(`netops-secretbox:${keyMaterial}`).digest();
  }
  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
    return `v1.${iv.toString("base64url")}.${body.toString("base64url")}.${c.getAuthTag().toString("base64url")}`;
  }
  open(sealed: string): string {
    const [v, iv, body, tag] = sealed.split(".");
    if (v !== "v1" || !iv || body === undefined || !tag)
      throw new Error("sealed secret has an unknown format");
    const d = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
  }
}
