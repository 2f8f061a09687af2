import type { ReactNode } from "react";
import { Link } from "react-router";
import type { UrlStateIssues } from "../lib/urlState";

/**
 * A filtered list's results, or, when a filter in the address could not be used, an error naming
 * it instead: results at the filter's default would look filtered but are not (`cidr=banana` must
 * not show every lease). The fields themselves show their value and reason (FieldError); pages
 * also skip the query (`enabled: !hasIssues(issues)`).
 */
export function FilterGate({
  issues,
  labels = {},
  clearHref,
  children,
}: {
  issues: UrlStateIssues;
  /** Field labels by parameter name, as the form shows them. */
  labels?: Record<string, string>;
  /** Where "clear the filters" goes (the page without parameters). */
  clearHref?: string;
  children: ReactNode;
}) {
  const entries = Object.entries(issues);
  if (entries.length === 0) return <>{children}</>;
  return (
    <div className="form-error filter-gate" role="alert" aria-label="Filters not applied">
      <p>
        <strong>
          {entries.length === 1 ? "A filter" : `${entries.length} filters`} in this address could not be used,
          so nothing is shown.
        </strong>{" "}
        Fix the marked {entries.length === 1 ? "field" : "fields"}
        {clearHref ? (
          <>
            {" "}
            or <Link to={clearHref}>clear the filters</Link>
          </>
        ) : null}
        .
      </p>
      <ul className="small">
        {entries.map(([name, message]) => (
          <li key={name}>
            {labels[name] ?? <code>{name}</code>}: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const hasIssues = (issues: UrlStateIssues): boolean => Object.keys(issues).length > 0;
