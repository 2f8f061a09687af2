// Human-readable lines for a decoded message or CSP report (CLI output, the web's detail view).

import { hex32 } from "./bytes";
import type { CspReport } from "./csp";
import { type RserpoolMessage, UPDATE_ACTIONS } from "./message";
import type { Param, Transport } from "./params";
import { POLICIES, type Policy } from "./policy";

export function describeTransport(t: Transport): string {
  const use =
    t.transportUse === undefined ? "" : t.transportUse === 1 ? ", data plus control" : ", data only";
  const sc = t.serviceCode === undefined ? "" : `, service code ${t.serviceCode}`;
  return `${t.kind.toUpperCase()} port ${t.port}${use}${sc} [${t.addresses.join(", ")}]`;
}

export function describePolicy(p: Policy): string {
  const info = POLICIES[p.type];
  const values = (info?.values ?? []).map((n) => {
    const pct = p.percent[n];
    return pct === undefined ? `${n} ${p.values[n]}` : `${n} ${pct.toFixed(2)}%`;
  });
  if (p.unknownValue) values.push(`value ${p.unknownValue}`);
  return `${p.name} (0x${p.type.toString(16).padStart(8, "0")})${values.length ? `: ${values.join(", ")}` : ""}`;
}

export function describeParam(p: Param): string[] {
  switch (p.kind) {
    case "ipv4":
    case "ipv6":
      return [`Address ${p.address}`];
    case "transport":
      return [`Transport: ${describeTransport(p.transport)}`];
    case "policy":
      return [`Policy: ${describePolicy(p.policy)}`];
    case "poolHandle":
      return [`Pool Handle: "${p.text}" (${p.handle})`];
    case "poolElement": {
      const e = p.pe;
      const life = e.registrationLife < 0 ? "infinite" : `${e.registrationLife} ms`;
      const out = [`Pool Element ${hex32(e.id)}: home ${hex32(e.homeRegistrar)}, registration life ${life}`];
      if (e.userTransport) out.push(`  user transport: ${describeTransport(e.userTransport)}`);
      if (e.policy) out.push(`  policy: ${describePolicy(e.policy)}`);
      if (e.asapTransport) out.push(`  ASAP transport: ${describeTransport(e.asapTransport)}`);
      return out;
    }
    case "serverInformation":
      return [`Server Information ${hex32(p.id)}: ${p.transports.map(describeTransport).join("; ")}`];
    case "operationError":
      return p.causes.map((c) => `Operation Error: ${c.name} (${c.code})${c.info ? ` ${c.info}` : ""}`);
    case "cookie":
      return [`Cookie: ${p.cookie}`];
    case "peIdentifier":
      return [`PE Identifier: ${hex32(p.id)}`];
    case "peChecksum":
      return [`PE Checksum: 0x${p.checksum.toString(16).padStart(4, "0")}`];
    case "handleResolutionOption":
      return [`Handle Resolution Option: ${p.items} items`];
  }
}

export function describeMessage(m: RserpoolMessage): string[] {
  const bits = Object.entries(m.bits).map(([k, v]) => `${k}=${v ? 1 : 0}`);
  const out = [
    `${m.name} (type ${m.type}), flags 0x${m.flags.toString(16).padStart(2, "0")}${bits.length ? ` [${bits.join(" ")}]` : ""}, length ${m.length}`,
  ];
  if (m.protocol === "enrp") {
    let ids = `sender ${hex32(m.senderId)}, receiver ${hex32(m.receiverId)}`;
    if (m.targetId !== undefined) ids += `, target ${hex32(m.targetId)}`;
    if (m.updateAction !== undefined) ids += `, action ${UPDATE_ACTIONS[m.updateAction] ?? m.updateAction}`;
    out.push(`  ${ids}`);
  } else if (m.serverId !== undefined) out.push(`  server ${hex32(m.serverId)}`);
  for (const p of m.params) for (const l of describeParam(p)) out.push(`  ${l}`);
  for (const u of m.unknown)
    out.push(
      `  unknown parameter 0x${u.type.toString(16).padStart(4, "0")} at ${u.offset}: ${u.action} (${u.value || "empty"})`,
    );
  if (m.stopped) out.push("  (an unknown parameter stopped processing; later parameters not read)");
  return out;
}

export function describeCsp(r: CspReport): string[] {
  const out = [
    `CSP ComponentStatus Report, flags ${r.flags}${r.final ? " (final)" : ""}, length ${r.length}`,
    `  sender 0x${r.senderId} (${r.groupName}, object 0x${r.object})`,
    `  uptime ${(r.timestampUs / 1e6).toFixed(3)} s, report interval ${r.reportIntervalUs / 1000} ms`,
    `  location "${r.location}"`,
    `  status "${r.status}"`,
    `  workload ${r.workload === null ? "n/a" : `${(100 * r.workload).toFixed(2)}%`}`,
  ];
  for (const a of r.associations)
    out.push(
      `  association to 0x${a.receiverId}: protocol ${a.protocolId}, PPID ${a.ppid}, duration ${a.durationUs === null ? "unknown" : `${a.durationUs / 1e6} s`}, flags ${a.flags}`,
    );
  return out;
}
