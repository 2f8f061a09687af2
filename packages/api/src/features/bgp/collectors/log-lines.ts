// One log line (from syslog or a file) → an event draft, or an unparsed record kept by the service.
import type { Services } from "../../../services";
import { draftFromLog } from "../draft";
import { type LogParseResult, parseLogLine } from "@netops/protocols/bgp";
import type { IngestQueue } from "./ingest-queue";

export interface SyslogContext {
  /** "APP: MSG" rebuilt from the syslog header: what the daemon parsers know when the raw form is not. */
  appLine: string;
  timestamp: string | undefined;
}

export function ingestLogLine(
  services: Services,
  queue: IngestQueue,
  line: string,
  router: string,
  source: "syslog" | "file",
  receivedAt: Date,
  syslog?: SyslogContext,
): void {
  let r: LogParseResult | undefined = parseLogLine(line);
  if (syslog && r?.kind !== "event") {
    // RFC 5424 headers (and hosts some parsers do not expect) hide the daemon's own line; retry on it.
    const alt = parseLogLine(syslog.appLine);
    if (alt?.kind === "event") {
      alt.timestamp ??= syslog.timestamp;
      alt.raw = line;
      r = alt;
    } else r ??= alt;
  }
  if (r === undefined) return;
  if (r.kind === "unparsed") {
    services.bgp.recordUnparsed(router, source, line, r.reason);
    services.logger.warn(
      { collector: source, router, reason: r.reason },
      "BGP-looking log line not understood (kept)",
    );
    return;
  }
  void queue.push([draftFromLog(r, router, source, receivedAt, line)]);
}
