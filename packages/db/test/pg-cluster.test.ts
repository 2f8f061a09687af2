/** The throw-away cluster the PostgreSQL tests start moves on when its port is taken. */
import net from "node:net";
import { describe, expect, it } from "vitest";
import { pgAvailable, startPgCluster } from "../src/testing/pg-cluster";

describe.skipIf(!pgAvailable())("startPgCluster", () => {
  it("starts on the next port when the first it tries is taken, and works there", async () => {
    const taken = 55_000 + (process.pid % 4000);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, "127.0.0.1", resolve));
    try {
      const cluster = startPgCluster();
      try {
        expect(cluster.port).not.toBe(taken);
        expect(cluster.createDatabase("moved")).toBe(`postgresql://postgres@127.0.0.1:${cluster.port}/moved`);
      } finally {
        cluster.stop();
      }
    } finally {
      blocker.close();
    }
  });
});
