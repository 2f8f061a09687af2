/** The lease table as CSV, one line per lease: the API's export and the mock API's write the same text. */

export const LEASE_CSV_HEADER =
  "address,prefix_length,type,hw_address,client_id,iaid,hostname,state,starts,ends,cltt,subnet_id,source\r\n";

/** What a CSV line holds of a lease; times are ISO 8601 as the API sends them (null: empty field). */
export interface LeaseCsvRow {
  address: string;
  prefixLength: number;
  leaseType: string;
  hwAddress: string | null;
  clientId: string | null;
  iaid: number | null;
  hostname: string | null;
  state: string;
  starts: string | null;
  ends: string | null;
  cltt: string | null;
  subnetId: number | null;
  /** The source's name ("" when unknown). */
  sourceName: string;
}

/** One RFC 4180 line (CRLF) of a lease. */
export function leaseCsvLine(l: LeaseCsvRow): string {
  const fields = [
    l.address,
    l.prefixLength,
    l.leaseType,
    l.hwAddress ?? "",
    l.clientId ?? "",
    l.iaid ?? "",
    l.hostname ?? "",
    l.state,
    l.starts ?? "",
    l.ends ?? "",
    l.cltt ?? "",
    l.subnetId ?? "",
    l.sourceName,
  ];
  return `${fields.map(csvField).join(",")}\r\n`;
}

function csvField(v: string | number): string {
  let s = String(v);
  // Hostnames come from DHCP clients: one starting with = + - @ would be a formula in a spreadsheet
  // (CSV injection), so it gets a leading apostrophe, as OWASP suggests. No other field starts so.
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
