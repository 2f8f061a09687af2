import { Link } from "react-router";

export interface NotFoundBack {
  to: string;
  label: string;
}

export interface NotFoundViewProps {
  /** e.g. "Alert 999999 not found". */
  title?: string;
  /** The server's words, or what the address asked for. */
  message?: string;
  /** Where to go instead (the list the object would be in); the overview by default. */
  back?: NotFoundBack;
  /** A page of its own (the router's 404) gets the h1; inside a page it is an h2. */
  level?: 1 | 2;
}

/**
 * Something that does not exist: said plainly, with a way back. Not an error box and no "Try
 * again": asking again for what is not there finds nothing.
 */
export function NotFoundView({
  title = "Not found",
  message,
  back = { to: "/", label: "Go to the overview" },
  level = 2,
}: NotFoundViewProps) {
  const H = level === 1 ? "h1" : "h2";
  return (
    <div className="state-view not-found" role="status">
      <H className="state-title">{title}</H>
      {message ? <p className="state-body">{message}</p> : null}
      <p className="state-body">
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
