/**
 * The EPP command rate limit shared by replicas: a GCRA bucket in one Throttle row, moved on by one
 * atomic statement per command, so the registry's cap holds for the account however many console
 * processes send (either engine: NETOPS_TEST_DB=postgres).
 */
import { createDb, type Db, dbUrl } from "@netops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EppSessionError } from "../../src/features/registry";
import { rateLimited } from "../../src/features/registry/rate-limit";
import { SharedTokenBucket } from "../../src/services/rate-limit";
import { type TestDb, testDb } from "../fixtures";

let t: TestDb;
let dbB: Db;
beforeAll(() => {
  t = testDb("shared-rate-limit");
  dbB = createDb(dbUrl(t.db));
});
afterAll(async () => {
  await dbB?.$disconnect();
  await t?.close();
});

const bucket = (db: Db, key: string, now: () => number) =>
  new SharedTokenBucket(db, key, 2, 3, () => rateLimited(2), now);

describe("SharedTokenBucket", () => {
  it("allows the burst, then refuses a command that would wait past its limit", async () => {
    const b = bucket(t.db, "epp:burst", () => 0);
    for (let i = 0; i < 3; i++) await b.take(0);
    const e = await b.take(100).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(EppSessionError);
    expect((e as EppSessionError).message).toBe("rate limit of 2 commands/s reached; try again shortly");
  });

  it("refills with time, never above the burst", async () => {
    let now = 0;
    const b = bucket(t.db, "epp:refill", () => now);
    for (let i = 0; i < 3; i++) await b.take(0);
    now += 500; // one token back
    await b.take(0);
    await expect(b.take(0)).rejects.toThrow(/rate limit/);
    now += 60_000;
    for (let i = 0; i < 3; i++) await b.take(0);
    await expect(b.take(0)).rejects.toThrow(/rate limit/);
  });

  it("holds across replicas: two clients on one database share the burst, in parallel", async () => {
    const a = bucket(t.db, "epp:shared", () => 1000);
    const b = bucket(dbB, "epp:shared", () => 1000);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).take(0).then(
          () => "sent",
          () => "refused",
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(3);
    // Another registry's bucket is its own.
    await bucket(dbB, "epp:other", () => 1000).take(0);
  });
});
