/** Pieces shared by the object mappings: statuses, addresses, authInfo, check data. */
import type { Node } from "./dom";
import type { AuthInfo, CheckItem, HostAddr, PendingActionData, Status } from "./model";
import { NS } from "./namespaces";
import { type XNode, x } from "./xml-write";

export function encodeStatus(prefix: string, st: Status): XNode {
  return x(`${prefix}:status`, { s: st.s, lang: st.lang }, st.text);
}

export function decodeStatus<S extends string>(n: Node, allowed: readonly S[]): Status<S> {
  const s = n.oneOf(n.reqAttr("s"), allowed, "status");
  const out: Status<S> = { s };
  const lang = n.attr("lang");
  if (lang !== undefined) out.lang = lang;
  const text = n.text();
  if (text !== "") out.text = text;
  return out;
}

export function encodeAddr(prefix: string, tag: string, a: HostAddr): XNode {
  return x(`${prefix}:${tag}`, { ip: a.ip }, a.address);
}

export function decodeAddr(n: Node): HostAddr {
  // RFC 5732: ip defaults to "v4".
  return { ip: n.oneOf(n.attr("ip") ?? "v4", ["v4", "v6"] as const, "ip"), address: n.text() };
}

export function encodeAuthInfo(prefix: string, a: AuthInfo): XNode {
  return x(`${prefix}:authInfo`, {}, x(`${prefix}:pw`, { roid: a.roid }, a.pw));
}

export function decodeAuthInfo(n: Node, ns: string): AuthInfo | undefined {
  const pw = n.opt(ns, "pw");
  if (!pw) return undefined; // <ext> authInfo: registry-specific, not modelled
  const out: AuthInfo = { pw: pw.text() };
  const roid = pw.attr("roid");
  if (roid !== undefined) out.roid = roid;
  return out;
}

/** The optional `<authInfo>` child of `n`, which commands and info data of every object type carry alike. */
export function decodeOptAuthInfo(n: Node, ns: string): AuthInfo | undefined {
  const ai = n.opt(ns, "authInfo");
  return ai ? decodeAuthInfo(ai, ns) : undefined;
}

/** `<prefix:tag>v</prefix:tag>` for an optional text field; nothing (false, dropped by `x`) when it is absent. */
export function encodeOpt(prefix: string, tag: string, v: string | undefined): XNode | false {
  return v !== undefined && x(`${prefix}:${tag}`, {}, v);
}

/** `<x:chkData><x:cd><x:name avail="1">…` (contact uses `id` instead of `name`). */
export function decodeCheckData(n: Node, ns: string, key: "name" | "id"): CheckItem[] {
  return n.children(ns, "cd").map((cd) => {
    const nm = cd.req(ns, key);
    const item: CheckItem = { name: nm.text(), avail: nm.bool(nm.reqAttr("avail"), "avail") };
    const reason = cd.optText(ns, "reason");
    if (reason !== undefined) item.reason = reason;
    return item;
  });
}

export function encodeCheckData(prefix: string, key: "name" | "id", items: CheckItem[]): XNode[] {
  return items.map((i) =>
    x(
      `${prefix}:cd`,
      {},
      x(`${prefix}:${key}`, { avail: i.avail ? "1" : "0" }, i.name),
      i.reason !== undefined && x(`${prefix}:reason`, {}, i.reason),
    ),
  );
}

export function decodePanData(n: Node, ns: string, key: "name" | "id"): PendingActionData {
  const nm = n.req(ns, key);
  const tr = n.req(ns, "paTRID");
  const paTRID: PendingActionData["paTRID"] = { svTRID: tr.reqText(NS.epp, "svTRID") };
  const cl = tr.optText(NS.epp, "clTRID");
  if (cl !== undefined) paTRID.clTRID = cl;
  return {
    name: nm.text(),
    paResult: nm.bool(nm.reqAttr("paResult"), "paResult"),
    paTRID,
    paDate: n.reqText(ns, "paDate"),
  };
}

export function encodePanData(prefix: string, key: "name" | "id", d: PendingActionData): XNode[] {
  return [
    x(`${prefix}:${key}`, { paResult: d.paResult ? "1" : "0" }, d.name),
    x(
      `${prefix}:paTRID`,
      {},
      d.paTRID.clTRID !== undefined && x("clTRID", {}, d.paTRID.clTRID),
      x("svTRID", {}, d.paTRID.svTRID),
    ),
    x(`${prefix}:paDate`, {}, d.paDate),
  ];
}

/** Adds optional string fields only when present, so decoded objects compare equal to built ones. */
export function setOpt<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}
