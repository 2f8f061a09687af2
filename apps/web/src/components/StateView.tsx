import type { ReactNode } from "react";
import { errorInfo, errorTitle } from "../lib/errors";
import { type NotFoundBack, NotFoundView } from "./NotFound";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state-view loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state-view empty">
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

export interface ErrorViewProps {
  error: unknown;
  /** What was being done, e.g. "Could not load alerts". */
  title?: string;
  onRetry?: () => void;
  /** Shows a "Dismiss" button (for errors of one-off actions). */
  onDismiss?: () => void;
  compact?: boolean;
}

/** Shows the server's message; FORBIDDEN and UNAUTHORIZED get a plain explanation. */
export function ErrorView({ error, title, onRetry, onDismiss, compact = false }: ErrorViewProps) {
  const info = errorInfo(error);
  const heading = title ? `${title}: ${errorTitle(error).toLowerCase()}` : errorTitle(error);
  return (
    <div className={`state-view error${compact ? " compact" : ""}`} role="alert">
      <p className="state-title">
        <span aria-hidden="true">⚠ </span>
        {heading}
      </p>
      <p className="state-body">{info.message}</p>
      {info.code === "FORBIDDEN" ? (
        <p className="state-body">Your role does not allow this. Ask an admin if you need it.</p>
      ) : null}
      {info.issues.length > 1 ? (
        <ul>
          {info.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
      {onDismiss ? (
        <button type="button" className="btn-sm" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch?: () => unknown;
}

export interface StateViewProps<T> {
  query: QueryLike<T>;
  loadingLabel?: string;
  errorTitle?: string;
  /** When it returns true, `empty` is shown instead of the children. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  /** When the API answers NOT_FOUND: the title and the way back of the not-found state. */
  notFound?: { title?: string; back?: NotFoundBack; level?: 1 | 2 };
}

/** Loading / error / empty / data for one query, worded consistently across pages. */
export function StateView<T>({
  query,
  loadingLabel,
  errorTitle: errTitle,
  isEmpty,
  empty,
  children,
  notFound,
}: StateViewProps<T>) {
  if (query.error && query.data === undefined) {
    // Not there is not a failure: no retry, a way back instead.
    const info = errorInfo(query.error);
    if (info.code === "NOT_FOUND") return <NotFoundView message={info.message} {...notFound} />;
    const refetch = query.refetch;
    return (
      <ErrorView error={query.error} title={errTitle} onRetry={refetch ? () => void refetch() : undefined} />
    );
  }
  if (query.isPending || query.data === undefined) return <Loading label={loadingLabel} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty title="Nothing here yet." />}</>;
  return <>{children(query.data)}</>;
}
