import { Link } from "react-router";
import { auditTargetHref } from "./auditTargets";

/** An audit entry's target, linked to its object when the console has a page for it. */
export function AuditTarget({ action, target }: { action: string; target: string | null }) {
  if (!target) return <>—</>;
  const href = auditTargetHref(action, target);
  return href ? <Link to={href}>{target}</Link> : target;
}
