import { describe, expect, it } from "vitest";
import { EppSessionError, TokenBucket } from "../../src/features/registry";

describe("TokenBucket", () => {
  it("allows the burst, then refuses a command that would wait past its limit", async () => {
    const t = 0;
    const b = new TokenBucket(2, 3, () => t);
    for (let i = 0; i < 3; i++) await b.take(0);
    const e = await b.take(100).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(EppSessionError);
    expect((e as EppSessionError).code).toBe("rate-limited");
    expect((e as EppSessionError).message).toBe("rate limit of 2 commands/s reached; try again shortly");
  });

  it("refills with time, never above the burst", async () => {
    let t = 0;
    const b = new TokenBucket(2, 3, () => t);
    for (let i = 0; i < 3; i++) await b.take(0);
    t += 500; // one token back
    await b.take(0);
    await expect(b.take(0)).rejects.toThrow(/rate limit/);
    t += 60_000;
    for (let i = 0; i < 3; i++) await b.take(0);
    await expect(b.take(0)).rejects.toThrow(/rate limit/);
  });
});
