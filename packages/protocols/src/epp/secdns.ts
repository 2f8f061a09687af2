/** DNSSEC extension, RFC 5910 (secDNS-1.1): DS or key data on domain info and create. */
import type { Node } from "./dom";
import { fail } from "./errors";
import type { DsData, Extension, KeyData, SecDnsData } from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

const S = NS.secDNS;

function decodeKey(n: Node): KeyData {
  return {
    flags: n.int(n.reqText(S, "flags"), "flags", 0, 65535),
    protocol: n.int(n.reqText(S, "protocol"), "protocol", 0, 255),
    alg: n.int(n.reqText(S, "alg"), "alg", 0, 255),
    pubKey: n.reqText(S, "pubKey"),
  };
}

function decodeDs(n: Node): DsData {
  const ds: DsData = {
    keyTag: n.int(n.reqText(S, "keyTag"), "keyTag", 0, 65535),
    alg: n.int(n.reqText(S, "alg"), "alg", 0, 255),
    digestType: n.int(n.reqText(S, "digestType"), "digestType", 0, 255),
    digest: n.reqText(S, "digest"),
  };
  const k = n.opt(S, "keyData");
  if (k) ds.keyData = decodeKey(k);
  return ds;
}

export function decodeSecDns(n: Node): Extension | undefined {
  if (n.name !== "infData" && n.name !== "create") return undefined;
  const data: SecDnsData = {
    dsData: n.children(S, "dsData").map(decodeDs),
    keyData: n.children(S, "keyData").map(decodeKey),
  };
  if (data.dsData.length > 0 && data.keyData.length > 0)
    fail("bad-value", "dsData and keyData cannot be mixed (RFC 5910 §4)", n.el, n.path);
  const msl = n.optText(S, "maxSigLife");
  if (msl !== undefined) data.maxSigLife = n.int(msl, "maxSigLife", 1, 2147483647);
  return { kind: n.name === "infData" ? "secDNS:infData" : "secDNS:create", data };
}

const encKey = (k: KeyData) =>
  x(
    "secDNS:keyData",
    {},
    x("secDNS:flags", {}, k.flags),
    x("secDNS:protocol", {}, k.protocol),
    x("secDNS:alg", {}, k.alg),
    x("secDNS:pubKey", {}, k.pubKey),
  );

export function encodeSecDns(tag: "infData" | "create", d: SecDnsData): XNode {
  return x(
    `secDNS:${tag}`,
    { "xmlns:secDNS": S },
    d.maxSigLife !== undefined && x("secDNS:maxSigLife", {}, d.maxSigLife),
    d.dsData.map((ds) =>
      x(
        "secDNS:dsData",
        {},
        x("secDNS:keyTag", {}, ds.keyTag),
        x("secDNS:alg", {}, ds.alg),
        x("secDNS:digestType", {}, ds.digestType),
        x("secDNS:digest", {}, ds.digest),
        ds.keyData && encKey(ds.keyData),
      ),
    ),
    d.keyData.map(encKey),
  );
}
