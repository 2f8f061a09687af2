/**
 * Hostile or broken peers. A registry (our own TLS test socket) that sends an oversized length
 * header, a frame cut short, malformed XML, an entity bomb, an external entity, a greeting without
 * the host object, or an unknown result code: the session fails with a clear reason, nothing is
 * expanded or fetched, and the process carries on. And the reverse: a client sending garbage to
 * the LAB registry gets 2001 or a closed connection, never a crashed server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect, createServer, type TLSSocket } from "node:tls";
import { registry } from "@netops/api";
import { decodeEpp, EppFrameReader, encodeEpp, encodeFrame, type Greeting, NS } from "@netops/protocols/epp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLabPki, type LabPki } from "@netops/labs/epp/ca";
import { type LabHarness, ME, startLab } from "./lab-harness";

const { EppSession, EppSessionError } = registry;

const GREETING: Greeting = {
  svID: "bad peer test",
  svDate: "2026-11-21T00:00:00Z",
  versions: ["1.0"],
  langs: ["en"],
  objURIs: [NS.host, NS.domain],
  extURIs: [],
  dcp: { access: "all", statements: [{ purposes: ["admin"], recipients: ["ours"], retention: "stated" }] },
};
const greetingXml = (g: Greeting = GREETING) => encodeEpp({ type: "greeting", greeting: g });

/** Reads the client's next command and returns its clTRID. */
function nextClTRID(socket: TLSSocket): Promise<string> {
  const reader = new EppFrameReader();
  return new Promise((resolve) => {
    socket.on("data", (c: Buffer) => {
      for (const doc of reader.push(c)) {
        const f = decodeEpp(doc);
        if (f.type === "command") resolve(f.clTRID ?? "");
      }
    });
  });
}

let dir: string;
let pki: LabPki;

/** A one-shot TLS "registry" on loopback that runs `script` for each connection. */
async function badRegistry(script: (s: TLSSocket) => void | Promise<void>) {
  const open = new Set<TLSSocket>();
  const server = createServer({ cert: pki.server.cert, key: pki.server.key }, (s) => {
    open.add(s);
    s.on("error", () => {});
    void script(s);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  const client = pki.client("registrar-a");
  return {
    config: {
      host: "127.0.0.1",
      port,
      ca: pki.caCert,
      cert: client.cert,
      key: client.key,
      clID: "registrar-a",
      password: "pw-123456",
      objURIs: [NS.host, NS.domain],
      extURIs: [],
      commandTimeoutMs: 2000,
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of open) s.destroy();
      }),
  };
}

async function openFails(script: (s: TLSSocket) => void | Promise<void>) {
  const reg = await badRegistry(script);
  const transcript: registry.EppTransaction[] = [];
  try {
    const e = await EppSession.open(reg.config, (t) => transcript.push(t)).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(EppSessionError);
    return { error: e as InstanceType<typeof EppSessionError>, transcript };
  } finally {
    await reg.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "netops-epp-bad-"));
  pki = ensureLabPki(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a broken or hostile registry", () => {
  it("announces a frame over the limit: refused as soon as the header arrives", async () => {
    const { error } = await openFails((s) => {
      const head = Buffer.alloc(4);
      head.writeUInt32BE(0x7fffffff);
      s.write(head);
    });
    expect(error.code).toBe("framing");
    expect(error.message).toBe("peer announced a 2147483647-byte frame; the limit is 1048576");
  });

  it("cuts a frame short and closes", async () => {
    const { error } = await openFails((s) => {
      const full = encodeFrame(greetingXml());
      s.end(full.subarray(0, 60));
    });
    expect(error.code).toBe("framing");
    expect(error.message).toMatch(/^connection closed inside a frame: 60 bytes of \d+ received$/);
  });

  it("sends malformed XML", async () => {
    const { error } = await openFails((s) => {
      s.write(encodeFrame(`<?xml version="1.0"?><epp xmlns="${NS.epp}"><greeting><svID>x</greeting></epp>`));
    });
    expect(error.code).toBe("xml");
    expect(error.message).toMatch(/^the registry sent unusable XML: 1:\d+: /);
  });

  it("sends an entity bomb: refused at the DOCTYPE, nothing expanded", async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE epp [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      `<epp xmlns="${NS.epp}"><greeting><svID>&d;</svID></greeting></epp>`;
    const { error } = await openFails((s) => void s.write(encodeFrame(bomb)));
    expect(error.code).toBe("xml");
    expect(error.message).toMatch(/DOCTYPE|DTD/i);
  });

  it("sends an external entity: refused, and the URL is never fetched", async () => {
    let fetched = 0;
    const http = createHttpServer((_req, res) => {
      fetched += 1;
      res.end("secret");
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/leak`;
    try {
      const doc = `<?xml version="1.0"?><!DOCTYPE epp [<!ENTITY x SYSTEM "${url}">]><epp xmlns="${NS.epp}"><greeting><svID>&x;</svID></greeting></epp>`;
      const { error } = await openFails((s) => void s.write(encodeFrame(doc)));
      expect(error.code).toBe("xml");
      expect(fetched).toBe(0);
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
    }
  });

  it("greets without the host object: no login is attempted", async () => {
    const { error, transcript } = await openFails((s) => {
      s.write(encodeFrame(greetingXml({ ...GREETING, objURIs: [NS.domain] })));
    });
    expect(error.code).toBe("negotiation");
    expect(error.message).toBe(`server greeting does not offer ${NS.host}`);
    expect(transcript).toHaveLength(0);
  });

  it("answers login with a result code RFC 5730 does not define", async () => {
    const { error, transcript } = await openFails(async (s) => {
      s.write(encodeFrame(greetingXml()));
      const clTRID = await nextClTRID(s);
      const resp = encodeEpp({
        type: "response",
        response: {
          results: [{ code: 1000, msg: "ok", values: [], extValues: [] }],
          resData: [],
          extensions: [],
          trID: { clTRID, svTRID: "S1" },
        },
      }).replace('code="1000"', 'code="1234"');
      s.write(encodeFrame(resp));
    });
    expect(error.code).toBe("protocol");
    expect(error.message).toContain("result code 1234 is not defined by RFC 5730");
    expect(transcript[0]?.error).toContain("1234");
    expect(transcript[0]?.requestXml).not.toContain("pw-123456");
  });

  it("answers with another command's clTRID", async () => {
    const { error } = await openFails(async (s) => {
      s.write(encodeFrame(greetingXml()));
      await nextClTRID(s);
      s.write(
        encodeFrame(
          encodeEpp({
            type: "response",
            response: {
              results: [{ code: 1000, msg: "ok", values: [], extValues: [] }],
              resData: [],
              extensions: [],
              trID: { clTRID: "someone-else", svTRID: "S1" },
            },
          }),
        ),
      );
    });
    expect(error.code).toBe("protocol");
    expect(error.message).toMatch(/^response is for clTRID someone-else, not NETOPS-/);
  });

  it("never answers login: the command times out", async () => {
    const { error } = await openFails((s) => void s.write(encodeFrame(greetingXml())));
    expect(error.code).toBe("timeout");
    expect(error.message).toBe("no answer from the registry within 2000 ms");
  });

  it("sends a frame nobody asked for", async () => {
    const { error } = await openFails((s) => {
      s.write(Buffer.concat([encodeFrame(greetingXml()), encodeFrame(greetingXml())]));
    });
    // Either during the greeting read or right after it: a stray frame ends the session.
    expect(["protocol", "closed"]).toContain(error.code);
  });
});

describe("the LAB registry given garbage", () => {
  let h: LabHarness;
  beforeAll(async () => {
    h = await startLab();
  });
  afterAll(async () => h.close());

  /** Raw TLS client: sends bytes, collects decoded frames until the server closes or `want` arrive. */
  function raw(
    send: Uint8Array[],
    want: number,
  ): Promise<{ frames: ReturnType<typeof decodeEpp>[]; closed: boolean }> {
    const c = h.lab.pki.client(ME);
    return new Promise((resolve) => {
      const frames: ReturnType<typeof decodeEpp>[] = [];
      const reader = new EppFrameReader();
      const s = connect(
        { host: "127.0.0.1", port: h.lab.port, ca: [h.lab.pki.caCert], cert: c.cert, key: c.key },
        () => {
          for (const b of send) s.write(b);
        },
      );
      const done = (closed: boolean) => {
        s.destroy();
        resolve({ frames, closed });
      };
      s.on("data", (d: Buffer) => {
        for (const doc of reader.push(d)) frames.push(decodeEpp(doc));
        if (frames.length >= want) done(false);
      });
      s.on("close", () => done(true));
      s.on("error", () => {});
    });
  }
  const code = (f: ReturnType<typeof decodeEpp> | undefined) =>
    f?.type === "response" ? `${f.response.results[0]?.code} ${f.response.results[0]?.msg}` : f?.type;

  it("answers malformed XML, a DOCTYPE and a command before login with precise refusals", async () => {
    const { frames } = await raw(
      [
        encodeFrame("<epp><command>"),
        encodeFrame(`<?xml version="1.0"?><!DOCTYPE epp [<!ENTITY a "x">]><epp xmlns="${NS.epp}"/>`),
        encodeFrame(
          encodeEpp({
            type: "command",
            command: { cmd: "host:info", name: "a.example" },
            extensions: [],
            clTRID: "T1",
          }),
        ),
      ],
      4,
    );
    expect(code(frames[0])).toBe("greeting");
    expect(code(frames[1])).toMatch(/^2001 Command syntax error: 1:\d+: /);
    expect(code(frames[2])).toMatch(/^2001 .*(DOCTYPE|DTD)/i);
    expect(code(frames[3])).toBe("2002 Command use error: log in first");
  });

  it("drops a client that announces an oversized frame, and keeps serving others", async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(10_000_000);
    const { closed } = await raw([head], 99);
    expect(closed).toBe(true);
    expect(h.logs.some((l) => l.includes("peer announced a 10000000-byte frame"))).toBe(true);
    const s = await EppSession.open(h.config(ME), h.sink);
    expect(s.state).toBe("ready");
    await s.logout();
  });
});
