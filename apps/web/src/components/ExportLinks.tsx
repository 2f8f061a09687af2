/**
 * "Export CSV" and "Export JSON" for a list: the server streams every row of the filter the page
 * shows (GET /api/export/<list>.<csv|json>?input=<the list procedure's input>, with the session
 * cookie; roles are the list's). Withheld while a filter is invalid: the file would not be what
 * the page says it is.
 */
export type ExportList =
  | "alerts"
  | "bgp-events"
  | "audit"
  | "dns-zones"
  | "dns-checks"
  | "registry-hosts"
  | "registry-domains";

/** The page's list input without paging (cursor, limit), as the export takes it. */
export function exportHref(list: ExportList, format: "csv" | "json", input: object = {}): string {
  const { cursor: _c, limit: _l, ...rest } = input as Record<string, unknown>;
  const json = JSON.stringify(rest);
  return `/api/export/${list}.${format}${json === "{}" ? "" : `?input=${encodeURIComponent(json)}`}`;
}

export function ExportLinks({
  list,
  input,
  blocked = false,
  label = "",
}: {
  list: ExportList;
  input?: object;
  /** A filter is invalid: offer nothing. */
  blocked?: boolean;
  /** What is exported, for screen readers ("BGP events"). */
  label?: string;
}) {
  if (blocked) return null;
  const what = label ? ` ${label}` : "";
  return (
    <span className="export-links">
      <a
        className="button btn-sm"
        href={exportHref(list, "csv", input)}
        download
        aria-label={`Export${what} as CSV`}
      >
        Export CSV
      </a>
      <a
        className="button btn-sm"
        href={exportHref(list, "json", input)}
        download
        aria-label={`Export${what} as JSON`}
      >
        Export JSON
      </a>
    </span>
  );
}
