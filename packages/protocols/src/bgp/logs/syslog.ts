// Splits the header that syslog daemons / log files put before a message into timestamp and host.

export interface SyslogPrefix {
  timestamp: string | undefined;
  host: string | undefined;
}

const RFC5424 = /^<\d{1,3}>\d{1,2} (\S+) (\S+) /;
const BSD_TS = /^(?:<\d{1,3}>)?([A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?)\s+/;
const ISO_TS = /^(?:<\d{1,3}>)?(\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s+/;

/**
 * `prefix` is the text before the daemon's own message. A host is reported only when a token precedes
 * the program tag ("host prog[pid]: "); file logs (BIRD, FRR `log file`) carry none.
 */
export function parseSyslogPrefix(prefix: string): SyslogPrefix {
  const m5424 = RFC5424.exec(prefix);
  if (m5424) return { timestamp: m5424[1], host: m5424[2] === "-" ? undefined : m5424[2] };
  const m = BSD_TS.exec(prefix) ?? ISO_TS.exec(prefix);
  if (!m) return { timestamp: undefined, host: undefined };
  const rest = prefix
    .slice(m[0].length)
    .split(" ")
    .filter((t) => t.length > 0);
  // "host prog[pid]: …" → host; "prog: …" or "BGP: …" → none.
  const first = rest[0];
  const second = rest[1];
  const host = first !== undefined && !first.endsWith(":") && second?.endsWith(":") ? first : undefined;
  return { timestamp: m[1], host };
}
