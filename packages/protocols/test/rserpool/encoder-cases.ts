// Messages our encoder writes, covering every RFC 5354 parameter type, every policy with values, every
// ASAP and ENRP message type, and CSP reports; wrapped in a capture for tshark.
import {
  ASAP,
  type CspInput,
  ENRP,
  encodeAsap,
  encodeCsp,
  encodeEnrp,
  ipPacket,
  linkFrame,
  makePolicy,
  type Param,
  type Transport,
  pcapFile,
  poolHandleParam,
  sctpPacket,
  udpDatagram,
} from "../../src/rserpool/index";

type TP = Extract<Param, { kind: "transport" }>;
type PP = Extract<Param, { kind: "policy" }>;

export interface EncoderCase {
  protocol: "asap" | "enrp" | "csp";
  bytes: Uint8Array;
  /** Carried in SCTP-in-UDP (tshark then dissects by PPID) instead of plain UDP by port. */
  sctp?: boolean;
}

const sctp4 = (port: number, ...a: string[]) => ({
  kind: "sctp" as const,
  port,
  transportUse: 0,
  addresses: a,
});
const pe = (id: number, policy: PP, user: TP): Param => ({
  kind: "poolElement",
  pe: {
    id,
    homeRegistrar: 0xaaaa0001,
    registrationLife: 30000,
    userTransport: user.transport,
    policy: policy.policy,
    asapTransport: sctp4(3863, "10.1.0.9"),
  },
});
const pol = (type: number, values: Record<string, number> = {}): PP => ({
  kind: "policy",
  policy: makePolicy(type, values),
});
const tr = (t: Transport): TP => ({
  kind: "transport",
  transport: t,
});

export function encoderCases(): EncoderCase[] {
  const handle = poolHandleParam("EchoPool");
  const policies = [
    pol(0x00000001),
    pol(0x00000002, { weight: 5 }),
    pol(0x00000003),
    pol(0x00000004, { weight: 7 }),
    pol(0x00000005, { priority: 3 }),
    pol(0x40000001, { load: 0x40000000 }),
    pol(0x40000002, { load: 0x80000000, loadDegradation: 0x01000000 }),
    pol(0x40000003, { load: 0x20000000, loadDegradation: 0x00100000 }),
    pol(0x40000004, { load: 0xffffffff }),
  ];
  const transports = [
    tr(sctp4(7, "10.1.0.1", "2001:db8::1")),
    tr({ kind: "tcp", port: 80, transportUse: 1, addresses: ["10.1.0.2"] }),
    tr({ kind: "udp", port: 53, addresses: ["2001:db8:0:1::53"] }),
    tr({ kind: "udp-lite", port: 5000, addresses: ["10.1.0.3"] }),
  ];
  const asap = (
    type: number,
    params: Param[],
    extra: { flags?: number; serverId?: number } = {},
    sctp = true,
  ): EncoderCase => ({
    protocol: "asap",
    bytes: encodeAsap({ type, params, ...extra }),
    sctp,
  });
  const enrp = (
    type: number,
    params: Param[],
    extra: { flags?: number; targetId?: number; updateAction?: number } = {},
    sctp = true,
  ): EncoderCase => ({
    protocol: "enrp",
    bytes: encodeEnrp({ type, senderId: 0xaaaa0001, receiverId: 0xbbbb0002, params, ...extra }),
    sctp,
  });
  const cases: EncoderCase[] = [];
  policies.forEach((p, i) => {
    cases.push(
      asap(ASAP.registration, [handle, pe(0xde000000 + i, p, transports[i % transports.length] as TP)]),
    );
  });
  const peId: Param = { kind: "peIdentifier", id: 0xde000001 };
  const opError: Param = {
    kind: "operationError",
    causes: [
      { code: 9, name: "", info: "" },
      { code: 1, name: "", info: "8001000800000000" },
    ],
  };
  cases.push(
    asap(ASAP.deregistration, [handle, peId]),
    asap(ASAP.registrationResponse, [handle, peId], { flags: 1 }),
    asap(ASAP.registrationResponse, [handle, peId, opError], { flags: 1 }),
    asap(ASAP.deregistrationResponse, [handle, peId]),
    asap(ASAP.handleResolution, [handle, { kind: "handleResolutionOption", items: 3 }]),
    asap(ASAP.handleResolutionResponse, [
      handle,
      pol(0x00000001),
      pe(0xde000010, pol(0x00000001), transports[0] as TP),
    ]),
    asap(ASAP.endpointKeepAlive, [handle, peId], { flags: 1, serverId: 0xcccc0003 }),
    asap(ASAP.endpointKeepAliveAck, [handle, peId]),
    asap(ASAP.endpointUnreachable, [handle, peId]),
    asap(ASAP.serverAnnounce, [tr(sctp4(3863, "10.1.0.1", "10.1.0.2"))], { serverId: 0xaaaa0001 }, false),
    asap(ASAP.cookie, [{ kind: "cookie", cookie: "0102030405" }]),
    asap(ASAP.cookieEcho, [{ kind: "cookie", cookie: "0102030405" }]),
    asap(ASAP.businessCard, [handle, pe(0xde000020, pol(0x40000001, { load: 12345 }), transports[1] as TP)]),
    asap(ASAP.error, [opError]),
  );
  const serverInfo: Param = {
    kind: "serverInformation",
    id: 0xaaaa0001,
    transports: [sctp4(9901, "10.77.0.1", "fd00::1")],
  };
  cases.push(
    enrp(ENRP.presence, [{ kind: "peChecksum", checksum: 0xfa96 }, serverInfo], { flags: 1 }, false),
    enrp(ENRP.handleTableRequest, [], { flags: 1 }),
    enrp(
      ENRP.handleTableResponse,
      [
        handle,
        pe(0xde000001, pol(1), transports[0] as TP),
        poolHandleParam("DiscardPool"),
        pe(0xde000003, pol(0x40000001, { load: 0x10000000 }), transports[2] as TP),
      ],
      { flags: 2 },
    ),
    enrp(ENRP.handleUpdate, [handle, pe(0xde000001, pol(2, { weight: 9 }), transports[3] as TP)], {
      updateAction: 0,
    }),
    enrp(ENRP.handleUpdate, [handle, pe(0xde000001, pol(1), transports[0] as TP)], {
      updateAction: 1,
      flags: 1,
    }),
    enrp(ENRP.listRequest, []),
    enrp(ENRP.listResponse, [serverInfo, { ...serverInfo, id: 0xbbbb0002 } as Param], { flags: 0 }),
    enrp(ENRP.initTakeover, [], { targetId: 0xaaaa0001 }),
    enrp(ENRP.initTakeoverAck, [], { targetId: 0xaaaa0001 }),
    enrp(ENRP.takeoverServer, [], { targetId: 0xaaaa0001 }),
    enrp(ENRP.error, [opError]),
  );
  const csp: CspInput[] = [
    {
      senderId: 0x01000000aaaa0001n,
      timestampUs: 22026804,
      reportIntervalUs: 1000000,
      location: "lab: 10.1.0.1:3863",
      status: "4 PEs in 2 Pools",
      workload: null,
      associations: [],
    },
    {
      senderId: 0x0200000012345678n,
      timestampUs: 5,
      reportIntervalUs: 250000,
      location: "pe-1",
      status: "1 Session",
      workload: 0.5,
      final: true,
      associations: [{ receiverId: 0x01000000aaaa0001n, durationUs: 1500000, protocolId: 132, ppid: 11 }],
    },
  ];
  for (const r of csp) cases.push({ protocol: "csp", bytes: encodeCsp(r) });
  return cases;
}

export function encoderCapture(cases: EncoderCase[]): Uint8Array {
  let tsn = 1;
  const frames = cases.map((c, i) => {
    let ip: Uint8Array;
    if (c.protocol === "csp") ip = ipPacket("10.1.0.1", "10.1.0.254", 17, udpDatagram(40000, 2960, c.bytes));
    else if (!c.sctp)
      ip = ipPacket(
        "10.1.0.1",
        c.protocol === "asap" ? "239.0.0.50" : "239.0.0.51",
        17,
        udpDatagram(40000, c.protocol === "asap" ? 3863 : 9901, c.bytes),
      );
    else {
      const port = c.protocol === "asap" ? 3863 : 9901;
      const chunk = { tsn: tsn++, ppid: c.protocol === "asap" ? 11 : 12, data: c.bytes };
      ip = ipPacket(
        "10.1.0.5",
        "10.1.0.1",
        17,
        udpDatagram(9899, 9899, sctpPacket(40000 + i, port, 0x1234, [chunk])),
      );
    }
    return { timeMs: 1_700_000_000_000 + i * 10, data: linkFrame(1, ip) };
  });
  return pcapFile(1, frames);
}
