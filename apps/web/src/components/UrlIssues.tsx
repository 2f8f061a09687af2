import type { UrlStateIssues } from "../lib/urlState";

/** What a page could not use from its address (see lib/urlState), said instead of silently dropped. */
export function UrlIssues({ issues }: { issues: UrlStateIssues }) {
  const entries = Object.entries(issues);
  if (entries.length === 0) return null;
  return (
    <div className="callout warn" role="note" aria-label="Address not understood">
      <p className="small">Part of this page's address was not understood and is not applied:</p>
      <ul className="small">
        {entries.map(([name, message]) => (
          <li key={name}>
            <code>{name}</code>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
