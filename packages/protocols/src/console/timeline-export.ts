/**
 * The timeline as files: CSV (RFC 4180, CRLF) and JSON, in the order shown (newest first). Pure,
 * so the web app's export and the server's tests (which check every event kind survives the
 * export) run the same code.
 */
import type { TimelineEvent } from "./search";

export const TIMELINE_CSV_HEADER = "at,subsystem,kind,severity,title,detail,entity_type,entity,url\r\n";

function csvField(v: string): string {
  // Titles and details carry text from peers and clients: a leading = + - @ would be a formula in a
  // spreadsheet (CSV injection), so it gets an apostrophe, as the lease export does.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function timelineCsv(events: readonly TimelineEvent[]): string {
  const lines = events.map(
    (e) =>
      `${[
        e.at,
        e.subsystem,
        e.kind,
        e.severity,
        e.title,
        e.detail ?? "",
        e.entity?.type ?? "",
        e.entity?.value ?? "",
        e.url,
      ]
        .map(csvField)
        .join(",")}\r\n`,
  );
  return TIMELINE_CSV_HEADER + lines.join("");
}

export interface TimelineExportMeta {
  /** The range as resolved (ISO, UTC) and as written in the URL. */
  from: string;
  to: string;
  range: { from: string; to: string };
  filters: Record<string, unknown>;
  /** More events matched than were exported. */
  truncated: boolean;
}

export function timelineJson(events: readonly TimelineEvent[], meta: TimelineExportMeta): string {
  return `${JSON.stringify({ ...meta, count: events.length, events }, null, 2)}\n`;
}

/** A file name that says what and when: `timeline-20261206T1100Z-20261206T1200Z.csv`. */
export function exportFileName(from: string, to: string, ext: "csv" | "json"): string {
  // 2026-12-06T11:00:05.000Z → 20261206T1100Z (minutes are enough to tell exports apart).
  const stamp = (iso: string) => `${iso.replace(/[-:]/g, "").slice(0, 13)}Z`;
  return `timeline-${stamp(from)}-${stamp(to)}.${ext}`;
}
