// CSP fields as tshark's componentstatusprotocol dissector prints them with -T fields.
import type { CaptureItem } from "../../src/rserpool/index";

const F = [
  "message_type",
  "message_flags",
  "message_length",
  "message_version",
  "message_sender_id",
  "message_sendertimestamp",
  "componentstatusreport_reportinterval",
  "componentstatusreport_location",
  "componentstatusreport_status",
  "componentstatusreport_workload",
  "componentstatusreport_associations",
  "componentassociation_receiver_id",
  "componentassociation_flags",
  "componentassociation_protocolid",
  "componentassociation_ppid",
];

export function cspFieldNames(): string[] {
  return F.map((f) => `componentstatusprotocol.${f}`);
}

/** µs as tshark prints a relative time: seconds with 9 decimals. */
function seconds(us: number): string {
  return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, "0")}000`;
}

export function ourCspFields(items: CaptureItem[]): string[] {
  const r = items.find((i) => i.kind === "csp");
  if (r?.kind !== "csp") return F.map(() => "");
  const c = r.report;
  return [
    String(c.type),
    String(c.flags),
    String(c.length),
    `0x${c.version.toString(16).padStart(8, "0")}`,
    `0x${c.senderId}`,
    seconds(c.timestampUs),
    seconds(c.reportIntervalUs),
    c.location,
    c.status,
    // tshark: float 100*w/0xfffe, -100 for "none"; printed with %g
    c.workload === null ? "-100" : String(Number(Math.fround(100 * c.workload).toPrecision(6))),
    String(c.associations.length),
    c.associations.map((a) => `0x${a.receiverId}`).join(","),
    c.associations.map((a) => a.flags).join(","),
    c.associations.map((a) => a.protocolId).join(","),
    c.associations.map((a) => a.ppid).join(","),
  ];
}
