// Runs Debian's tshark (4.0, dissectors asap / enrp / componentstatusprotocol) and turns our decoded
// items into the same per-frame field strings, so the two readings can be compared field by field.

import { execFileSync } from "node:child_process";
import { type CaptureItem, hex32, type Param, type Transport } from "../../src/rserpool/index";

export const MSG_FIELDS = [
  "message_type",
  "message_flags",
  "sender_servers_id",
  "receiver_servers_id",
  "target_servers_id",
  "update_action",
  "pool_handle_pool_handle",
  "pool_element_pe_identifier",
  "pool_element_home_enrp_server_identifier",
  "pool_element_registration_life",
  "pool_member_selection_policy_type",
  "pool_member_selection_policy_weight",
  "pool_member_selection_policy_priority",
  "pool_member_selection_policy_load",
  "pool_member_selection_policy_degradation",
  "pe_identifier",
  "pe_checksum",
  "server_identifier",
  "server_information_server_identifier",
  "ipv4_address",
  "ipv6_address",
  "sctp_transport_port",
  "tcp_transport_port",
  "udp_transport_port",
  "udp_lite_transport_port",
  "transport_use",
  "cookie",
  "cause_code",
  "hropt_items",
  "r_bit",
  "h_bit",
  "m_bit",
  "w_bit",
] as const;
export type MsgField = (typeof MSG_FIELDS)[number];
const FIELDS_OF: Record<"asap" | "enrp", MsgField[]> = {
  asap: MSG_FIELDS.filter(
    (f) =>
      ![
        "sender_servers_id",
        "receiver_servers_id",
        "target_servers_id",
        "update_action",
        "server_information_server_identifier",
        "m_bit",
        "w_bit",
      ].includes(f),
  ),
  enrp: MSG_FIELDS.filter((f) => !["message_flags", "server_identifier", "hropt_items", "h_bit"].includes(f)),
};

export function tshark(file: string, filter: string, fields: string[]): string[][] {
  const out = execFileSync(
    "tshark",
    [
      "-r",
      file,
      "-Y",
      filter,
      "-T",
      "fields",
      "-E",
      "separator=|",
      "-E",
      "occurrence=a",
      ...fields.flatMap((f) => ["-e", f]),
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
  );
  return out
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => l.split("|"));
}

export function fieldNames(protocol: "asap" | "enrp"): string[] {
  return FIELDS_OF[protocol].map((f) => `${protocol}.${f}`);
}

type Acc = Map<MsgField, string[]>;
const push = (acc: Acc, f: MsgField, v: string | number) => {
  const l = acc.get(f) ?? [];
  l.push(String(v));
  acc.set(f, l);
};
const h16 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

function transport(acc: Acc, t: Transport): void {
  if (t.kind === "sctp") push(acc, "sctp_transport_port", t.port);
  if (t.kind === "tcp") push(acc, "tcp_transport_port", t.port);
  if (t.kind === "udp") push(acc, "udp_transport_port", t.port);
  if (t.kind === "udp-lite") push(acc, "udp_lite_transport_port", t.port);
  if (t.transportUse !== undefined) push(acc, "transport_use", t.transportUse);
  for (const a of t.addresses) push(acc, a.includes(":") ? "ipv6_address" : "ipv4_address", a);
}

function walk(acc: Acc, p: Param, protocol: "asap" | "enrp"): void {
  switch (p.kind) {
    case "ipv4":
      push(acc, "ipv4_address", p.address);
      return;
    case "ipv6":
      push(acc, "ipv6_address", p.address);
      return;
    case "transport":
      transport(acc, p.transport);
      return;
    case "policy": {
      push(acc, "pool_member_selection_policy_type", hex32(p.policy.type));
      const v = p.policy.values;
      if (v.weight !== undefined) push(acc, "pool_member_selection_policy_weight", v.weight);
      if (v.priority !== undefined) push(acc, "pool_member_selection_policy_priority", v.priority);
      const pc = p.policy.percent;
      if (pc.load !== undefined) push(acc, "pool_member_selection_policy_load", pc.load);
      if (pc.loadDegradation !== undefined)
        push(acc, "pool_member_selection_policy_degradation", pc.loadDegradation);
      return;
    }
    case "poolHandle":
      push(acc, "pool_handle_pool_handle", p.handle);
      return;
    case "poolElement":
      push(acc, "pool_element_pe_identifier", hex32(p.pe.id));
      push(acc, "pool_element_home_enrp_server_identifier", hex32(p.pe.homeRegistrar));
      push(acc, "pool_element_registration_life", p.pe.registrationLife);
      if (p.pe.userTransport) transport(acc, p.pe.userTransport);
      if (p.pe.policy) walk(acc, { kind: "policy", policy: p.pe.policy }, protocol);
      if (p.pe.asapTransport) transport(acc, p.pe.asapTransport);
      return;
    case "serverInformation":
      push(
        acc,
        protocol === "enrp" ? "server_information_server_identifier" : "server_identifier",
        hex32(p.id),
      );
      for (const t of p.transports) transport(acc, t);
      return;
    case "operationError":
      for (const c of p.causes) push(acc, "cause_code", h16(c.code));
      return;
    case "cookie":
      push(acc, "cookie", p.cookie);
      return;
    case "peIdentifier":
      push(acc, "pe_identifier", hex32(p.id));
      return;
    case "peChecksum":
      push(acc, "pe_checksum", h16(p.checksum));
      return;
    case "handleResolutionOption":
      push(acc, "hropt_items", p.items);
      return;
  }
}

/** Our reading of one frame's messages of one protocol, as tshark's -T fields would print it. */
export function ourFields(items: CaptureItem[], protocol: "asap" | "enrp"): string[] {
  const acc: Acc = new Map();
  for (const i of items) {
    if (i.kind !== protocol) continue;
    const m = i.message;
    push(acc, "message_type", m.type);
    if (m.protocol === "asap") push(acc, "message_flags", `0x${m.flags.toString(16).padStart(2, "0")}`);
    if (m.protocol === "enrp") {
      push(acc, "sender_servers_id", hex32(m.senderId));
      push(acc, "receiver_servers_id", hex32(m.receiverId));
      if (m.targetId !== undefined) push(acc, "target_servers_id", hex32(m.targetId));
      if (m.updateAction !== undefined) push(acc, "update_action", m.updateAction);
    } else if (m.serverId !== undefined) push(acc, "server_identifier", hex32(m.serverId));
    for (const p of m.params) walk(acc, p, protocol);
    // tshark 4.0 shows no R bit for Deregistration Response (RFC 5352 §2.2.4 defines it; we keep it).
    for (const [bit, on] of Object.entries(m.bits))
      if (!(m.protocol === "asap" && m.type === 4))
        push(acc, `${bit.toLowerCase()}_bit` as MsgField, on ? 1 : 0);
  }
  return FIELDS_OF[protocol].map((f) => (acc.get(f) ?? []).join(","));
}

/** tshark prints doubles its own way; compare load-like lists numerically. */
export function sameField(name: string, ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  if (!/_load$|_degradation$/.test(name)) return false;
  const a = ours.split(",").map(Number);
  const b = theirs.split(",").map(Number);
  return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] as number)) < 1e-6);
}
