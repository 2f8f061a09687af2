// Encoders for RFC 5354 parameters (the inverse of params.ts), used by tests (tshark reads what we
// write), the lab sender and the benchmark. Lengths exclude padding; every parameter is padded to 4.

import { parseAddress, type Writer, fromHex } from "./bytes";
import { PARAM, type Param, type PoolElement, type Transport } from "./params";
import { POLICIES, type Policy, policyValueList } from "./policy";

const TRANSPORT_TYPE: Readonly<Record<Transport["kind"], number>> = {
  dccp: PARAM.dccp,
  sctp: PARAM.sctp,
  tcp: PARAM.tcp,
  udp: PARAM.udp,
  "udp-lite": PARAM.udpLite,
};

/** Writes one TLV: the body callback writes the value; the length is patched in afterwards. */
export function tlv(w: Writer, type: number, body: (w: Writer) => void): void {
  const start = w.length;
  w.u16(type).u16(0);
  body(w);
  w.setU16(start + 2, w.length - start);
  w.pad4();
}

function bytesOf(hex: string): Uint8Array {
  const b = fromHex(hex);
  if (!b) throw new RangeError(`not hex: ${hex}`);
  return b;
}

export function encodeAddress(w: Writer, address: string): void {
  const a = parseAddress(address);
  if (!a) throw new RangeError(`not an IP address: ${address}`);
  tlv(w, a.length === 4 ? PARAM.ipv4 : PARAM.ipv6, (x) => x.bytes(a));
}

export function encodeTransport(w: Writer, t: Transport): void {
  tlv(w, TRANSPORT_TYPE[t.kind], (x) => {
    x.u16(t.port).u16(t.kind === "sctp" || t.kind === "tcp" ? (t.transportUse ?? 0) : 0);
    if (t.kind === "dccp") x.u32(t.serviceCode ?? 0);
    for (const a of t.addresses) encodeAddress(x, a);
  });
}

export function encodePolicy(w: Writer, p: Policy): void {
  tlv(w, PARAM.policy, (x) => {
    x.u32(p.type);
    if (POLICIES[p.type]) for (const v of policyValueList(p)) x.u32(v);
    else if (p.unknownValue) x.bytes(bytesOf(p.unknownValue));
  });
}

export function encodePoolElement(w: Writer, pe: PoolElement): void {
  tlv(w, PARAM.poolElement, (x) => {
    x.u32(pe.id)
      .u32(pe.homeRegistrar)
      .u32(pe.registrationLife >>> 0);
    if (pe.userTransport) encodeTransport(x, pe.userTransport);
    if (pe.policy) encodePolicy(x, pe.policy);
    if (pe.asapTransport) encodeTransport(x, pe.asapTransport);
  });
}

export function encodeParam(w: Writer, p: Param): void {
  switch (p.kind) {
    case "ipv4":
    case "ipv6":
      encodeAddress(w, p.address);
      return;
    case "transport":
      encodeTransport(w, p.transport);
      return;
    case "policy":
      encodePolicy(w, p.policy);
      return;
    case "poolHandle":
      tlv(w, PARAM.poolHandle, (x) => x.bytes(bytesOf(p.handle)));
      return;
    case "poolElement":
      encodePoolElement(w, p.pe);
      return;
    case "serverInformation":
      tlv(w, PARAM.serverInformation, (x) => {
        x.u32(p.id);
        for (const t of p.transports) encodeTransport(x, t);
      });
      return;
    case "operationError":
      tlv(w, PARAM.operationError, (x) => {
        for (const c of p.causes) {
          const start = x.length;
          x.u16(c.code).u16(0).bytes(bytesOf(c.info));
          x.setU16(start + 2, x.length - start);
          x.pad4();
        }
      });
      return;
    case "cookie":
      tlv(w, PARAM.cookie, (x) => x.bytes(bytesOf(p.cookie)));
      return;
    case "peIdentifier":
      tlv(w, PARAM.peIdentifier, (x) => x.u32(p.id));
      return;
    case "peChecksum":
      tlv(w, PARAM.peChecksum, (x) => x.u16(p.checksum));
      return;
    case "handleResolutionOption":
      tlv(w, PARAM.handleResolutionOption, (x) => x.u32(p.items));
      return;
  }
}

/** A pool handle parameter from text (UTF-8 octets). */
export function poolHandleParam(text: string): Param {
  const bytes = new TextEncoder().encode(text);
  let hex = "";
  for (const c of bytes) hex += c.toString(16).padStart(2, "0");
  return { kind: "poolHandle", handle: hex, text };
}

/** A policy value from its type and named values (percent values are not needed to encode). */
export function makePolicy(type: number, values: Policy["values"] = {}): Policy {
  return { type, name: "", values, percent: {} };
}
