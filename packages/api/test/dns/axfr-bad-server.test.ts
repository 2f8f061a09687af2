/**
 * AXFR against servers that misbehave on purpose (our own, on loopback): garbage, a transfer
 * cut off mid-way, an endless stream, silence, a changed closing SOA. Each must end with a
 * clear error, within the limits, never a hang or a crash.
 */
import { createServer, type Server, type Socket } from "node:net";
import {
  decodeMessage,
  encodeResponse,
  parseZone,
  RRType,
  tcpFrame,
  TcpFrameReader,
  type ZoneRecord,
} from "@netops/protocols/dns";
import { afterEach, describe, expect, it } from "vitest";
import { axfr } from "../../src/features/dns/transport";

const ZONE = parseZone(`$ORIGIN bad.example.
$TTL 300
@ SOA ns1 host 7 3600 600 86400 300
@ NS ns1
ns1 A 192.0.2.1
`).records;

type Behaviour = (sock: Socket, query: { id: number; raw: Uint8Array }) => void;

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function serve(behaviour: Behaviour): Promise<number> {
  server = createServer((sock) => {
    sock.on("error", () => {});
    const frames = new TcpFrameReader();
    sock.on("data", (chunk) => {
      for (const raw of frames.push(new Uint8Array(chunk))) {
        const m = decodeMessage(raw);
        behaviour(sock, { id: m.header.id, raw });
      }
    });
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return (server!.address() as { port: number }).port;
}

const q = (name: string) => ({
  name: ZONE[0]!.owner,
  type: 252,
  class: 1,
  ...(name ? {} : {}),
});
const msg = (id: number, answers: ZoneRecord[]) => tcpFrame(encodeResponse({ id, question: q(""), answers }));

describe("AXFR from a misbehaving server", () => {
  it("a well-behaved transfer works (control)", async () => {
    const port = await serve((s, { id }) => {
      s.write(msg(id, [ZONE[0]!, ZONE[1]!]));
      s.write(msg(id, [ZONE[2]!, ZONE[0]!]));
    });
    const r = await axfr({ host: "127.0.0.1", port, zone: "bad.example." });
    expect(r.records).toHaveLength(3);
    expect(r.messages).toBe(2);
  });

  it("garbage instead of DNS: the same text as a closed port, and nothing of the bytes", async () => {
    const port = await serve((s) =>
      s.write(Buffer.from("\x00\x20HTTP/1.1 400 Bad Request\r\n\r\nxxxxxxxxxxxxxxxxxxxxxx")),
    );
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      new RegExp(`^could not reach 127\\.0\\.0\\.1:${port}: connection failed$`),
    );
  });

  it("a compression pointer loop", async () => {
    const port = await serve((s, { id }) => {
      const m = Buffer.from(msg(id, [ZONE[0]!]));
      // Point the answer's owner at itself.
      const at = 2 + 12 + ZONE[0]!.owner.length + 4;
      m[at] = 0xc0;
      m[at + 1] = at - 2;
      s.write(m);
    });
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /does not point back|malformed|runs past/,
    );
  });

  it("stops mid-transfer", async () => {
    const port = await serve((s, { id }) => {
      s.write(msg(id, [ZONE[0]!, ZONE[1]!]));
      s.end();
    });
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /closed the connection mid-transfer after 1 message\(s\), 2 records/,
    );
  });

  it("stops in the middle of a message", async () => {
    const port = await serve((s, { id }) => {
      s.write(msg(id, [ZONE[0]!]));
      const m = msg(id, [ZONE[1]!, ZONE[1]!]);
      s.end(m.subarray(0, m.length - 5));
    });
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /mid-transfer, inside a message/,
    );
  });

  it("stops in the middle of the first message: no answer yet, so the one text", async () => {
    const port = await serve((s, { id }) => {
      const m = msg(id, [ZONE[0]!, ZONE[1]!]);
      s.end(m.subarray(0, m.length - 5));
    });
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /^could not reach 127\.0\.0\.1:\d+: connection failed$/,
    );
  });

  it("an endless stream hits the record limit", async () => {
    const port = await serve((s, { id }) => {
      s.write(msg(id, [ZONE[0]!]));
      const more = msg(
        id,
        Array.from({ length: 50 }, () => ZONE[2]!),
      );
      let sent = 0;
      const pump = () => {
        while (!s.destroyed && sent < 10_000 && s.write(more)) sent++;
        if (!s.destroyed && sent < 10_000) s.once("drain", pump);
      };
      pump();
    });
    await expect(
      axfr({ host: "127.0.0.1", port, zone: "bad.example.", limits: { maxRecords: 1000 } }),
    ).rejects.toThrow(/more than 1000 records/);
  });

  it("an endless stream hits the size limit", async () => {
    const port = await serve((s, { id }) => {
      s.write(msg(id, [ZONE[0]!]));
      const more = msg(
        id,
        Array.from({ length: 50 }, () => ZONE[2]!),
      );
      for (let i = 0; i < 200 && !s.destroyed; i++) s.write(more);
    });
    await expect(
      axfr({ host: "127.0.0.1", port, zone: "bad.example.", limits: { maxBytes: 20_000 } }),
    ).rejects.toThrow(/larger than 20000 octets/);
  });

  it("a server that accepts and stays silent hits the idle timeout", async () => {
    const port = await serve(() => {});
    await expect(
      axfr({ host: "127.0.0.1", port, zone: "bad.example.", idleTimeoutMs: 200 }),
    ).rejects.toMatchObject({
      kind: "timeout",
      message: `could not reach 127.0.0.1:${port}: connection failed`,
    });
  });

  it("a server that goes silent mid-transfer hits the idle timeout, and says so", async () => {
    const port = await serve((s, { id }) => s.write(msg(id, [ZONE[0]!, ZONE[1]!])));
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example.", idleTimeoutMs: 200 })).rejects.toThrow(
      /sent nothing for 200 ms during the AXFR \(2 records so far\)/,
    );
  });

  it("a closing SOA that differs from the opening one", async () => {
    const changed = parseZone(
      `bad.example. 300 IN SOA ns1.bad.example. host.bad.example. 8 3600 600 86400 300`,
    ).records[0]!;
    const port = await serve((s, { id }) => s.write(msg(id, [ZONE[0]!, ZONE[1]!, changed])));
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /closing SOA differs/,
    );
  });

  it("a transfer that does not start with the SOA", async () => {
    const port = await serve((s, { id }) => s.write(msg(id, [ZONE[1]!, ZONE[0]!])));
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toThrow(
      /does not start with the SOA/,
    );
  });

  it("nothing listening", async () => {
    const port = await serve(() => {});
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    await expect(axfr({ host: "127.0.0.1", port, zone: "bad.example." })).rejects.toMatchObject({
      kind: "connect",
      message: `could not reach 127.0.0.1:${port}: connection failed`,
      detail: "ECONNREFUSED",
    });
  });

  it("record types survive the wire: SOA is decoded back", () => {
    expect(ZONE[0]!.type).toBe(RRType.SOA);
  });
});
