import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EppFrame, EppDecodeError, NS, decodeEpp, resultCodeInfo } from "../../src/epp";
import { REJECTED_SAMPLES, VECTORS, sampleFiles } from "./helpers";

const load = (f: string): EppFrame => decodeEpp(readFileSync(join(VECTORS, f)));
const resp = (f: string) => {
  const fr = load(f);
  if (fr.type !== "response") throw new Error(`${f} is ${fr.type}`);
  return fr.response;
};

describe("published EPP samples (instant-epp, nomulus, punktum-dk)", () => {
  const files = sampleFiles();

  it("has the whole collection", () => {
    expect(files.length).toBe(142);
  });

  it("every sample decodes, except the ones invalid on purpose, which fail with a clear reason", () => {
    for (const f of files) {
      const expected = REJECTED_SAMPLES[f];
      if (expected) {
        expect(() => load(f), f).toThrow(EppDecodeError);
        expect(() => load(f), f).toThrow(expected);
      } else {
        expect(() => load(f), f).not.toThrow();
      }
    }
  });

  it("greeting: services, extensions and data collection policy", () => {
    const g = load("instant-epp/response/greeting.xml");
    expect(g.type).toBe("greeting");
    if (g.type !== "greeting") return;
    expect(g.greeting.svID).toBe("ISPAPI EPP Server");
    expect(g.greeting.objURIs).toEqual([
      NS.host,
      NS.domain,
      NS.contact,
      "http://schema.ispapi.net/epp/xml/keyvalue-1.0",
    ]);
    expect(g.greeting.extURIs).toContain(NS.secDNS);
    expect(g.greeting.dcp).toEqual({
      access: "all",
      statements: [
        { purposes: ["admin", "prov"], recipients: ["ours", "public"], retention: "stated" },
        { purposes: ["other"], recipients: ["unrelated"], retention: "none" },
      ],
      expiry: { relative: "P1M" },
    });
  });

  it("host info (RFC 5732 example data, via nomulus)", () => {
    const r = resp("nomulus/host/host_info_response.xml");
    expect(r.results[0]?.code).toBe(1000);
    expect(r.trID).toEqual({ clTRID: "ABC-12345", svTRID: "server-trid" });
    expect(r.resData[0]).toEqual({
      kind: "host:infData",
      host: {
        name: "ns1.example.tld",
        roid: "NS1_EXAMPLE1-REP",
        statuses: [{ s: "clientUpdateProhibited" }],
        addrs: [
          { ip: "v4", address: "192.0.2.2" },
          { ip: "v4", address: "192.0.2.29" },
          { ip: "v6", address: "1080:0:0:0:8:800:200C:417A" },
        ],
        clID: "TheRegistrar",
        crID: "NewRegistrar",
        crDate: "1999-04-03T22:00:00.0Z",
        upID: "NewRegistrar",
        upDate: "1999-12-03T09:00:00.0Z",
        trDate: "2000-04-08T09:00:00.0Z",
      },
    });
  });

  it("host update in the default namespace (instant-epp request style)", () => {
    const f = load("instant-epp/request/host/update.xml");
    expect(f).toEqual({
      type: "command",
      clTRID: "cltrid:1626454866",
      extensions: [],
      command: {
        cmd: "host:update",
        name: "host1.eppdev-1.com",
        add: { addrs: [{ ip: "v6", address: "2404:6800:4001:801::200e" }], statuses: [] },
        rem: { addrs: [], statuses: [{ s: "clientDeleteProhibited" }] },
        newName: "host2.eppdev-1.com",
      },
    });
  });

  it("poll: a transfer message with msgQ, and the empty queue", () => {
    const r = resp("nomulus/poll/poll_response_domain_transfer.xml");
    expect(r.results[0]?.code).toBe(1301);
    expect(r.msgQ).toEqual({
      count: 1,
      id: "5-2011",
      qDate: "2011-01-01T01:01:01Z",
      msg: "Transfer approved.",
    });
    expect(r.resData[0]?.kind).toBe("domain:trnData");
    expect(resp("nomulus/poll/poll_response_empty.xml").results[0]?.code).toBe(1300);
    expect(load("instant-epp/request/poll/ack.xml")).toMatchObject({ command: { cmd: "poll", op: "ack" } });
  });

  it("RFC 5910 secDNS-1.1 data on domain info", () => {
    const r = resp("punktum-dk/rfc5910/dnssec-1.1.xml");
    const d = r.resData[0];
    expect(d?.kind).toBe("domain:infData");
    const ext = r.extensions[0];
    expect(ext?.kind).toBe("secDNS:infData");
    if (ext?.kind !== "secDNS:infData") return;
    expect(ext.data.dsData[0]).toMatchObject({
      keyTag: 12345,
      alg: 3,
      digestType: 1,
      digest: "49FD46E6C4B45C55D4AC",
    });
  });

  it("errors keep code, message, values and the operator explanation is available", () => {
    const r = resp("instant-epp/response/error_value_attrs.xml");
    const res = r.results[0];
    expect(res?.code).toBeGreaterThanOrEqual(2000);
    expect(resultCodeInfo(res?.code ?? 0)?.explanation).toBeTruthy();
    const withValues = sampleFiles()
      .filter((f) => f.includes("error"))
      .flatMap((f) => (load(f).type === "response" ? resp(f).results : []))
      .filter((x) => x.values.length + x.extValues.length > 0);
    expect(withValues.length).toBeGreaterThan(0);
  });

  it("unknown extensions are kept as XML, not dropped", () => {
    const r = resp("instant-epp/response/extensions/namestore.xml");
    expect(r.extensions[0]).toMatchObject({
      kind: "unknown",
      ns: "http://www.verisign-grs.com/epp/namestoreExt-1.1",
      name: "namestoreExt",
    });
  });
});
