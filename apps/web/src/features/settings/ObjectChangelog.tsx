/**
 * An object's change log (NetBox's "changelog" tab): the audit entries whose target is this object,
 * newest first, with their before/after. Fed by `audit.list` by target; the audit trail is for
 * admins, so other roles see nothing here (the section is left out, not shown as empty).
 */
import { roleAtLeast } from "@netops/protocols";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Link } from "react-router";
import { useRole } from "../../auth/session";
import { DataTable } from "../../components/DataTable";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { Empty, StateView } from "../../components/StateView";
import { Time } from "../../components/Time";
import { useTRPC } from "../../trpc";
import { AuditResultCell } from "./AuditOutcome";
import { AuditDiff } from "./AuditPage";
import { hasSnapshotData } from "./diff";

export interface ObjectChangelogProps {
  /** The target the API audits this object under (a zone's name with its dot, a host's name, `alert 12`). */
  target: string;
  /** Only these actions (prefix, e.g. `registry.` for a host; a name could be a zone too). */
  actionPrefix?: string;
  title?: string;
}

export function ObjectChangelog(props: ObjectChangelogProps) {
  const role = useRole();
  if (!roleAtLeast(role, "admin")) return null;
  return <ChangelogList {...props} />;
}

function ChangelogList({ target, actionPrefix, title = "Change log" }: ObjectChangelogProps) {
  const trpc = useTRPC();
  const [open, setOpen] = useState<number | null>(null);
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { target, ...(actionPrefix && { action: actionPrefix }), limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const all = `/settings/audit?target=${encodeURIComponent(target)}${actionPrefix ? `&action=${encodeURIComponent(actionPrefix)}` : ""}`;
  return (
    <section aria-labelledby="changelog-title" className="changelog">
      <div className="section-head">
        <h2 id="changelog-title">{title}</h2>
        <Link to={all} className="small">
          In the audit log
        </Link>
      </div>
      <StateView
        query={log}
        loadingLabel="Loading the change log…"
        errorTitle="Could not load the change log"
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Empty title="No recorded changes to this object." />}
      >
        {() => (
          <>
            <DataTable
              label={`${title} of ${target}`}
              columns={[
                "Time",
                "Actor",
                "Action",
                "Result",
                { key: "changes", label: <span className="sr-only">Changes</span> },
              ]}
            >
              {items.map((e) => (
                <Fragment key={e.id}>
                  <tr className={e.ok ? undefined : "is-failed"}>
                    <td>
                      <Time iso={e.at} />
                    </td>
                    <td>{e.actorName}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <AuditResultCell entry={e} />
                    </td>
                    <td>
                      {hasSnapshotData(e) ? (
                        <button
                          type="button"
                          className="btn-sm"
                          aria-expanded={open === e.id}
                          onClick={() => setOpen(open === e.id ? null : e.id)}
                        >
                          {open === e.id ? "Hide changes" : "Show changes"}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {open === e.id ? (
                    <tr className="diff-row">
                      <td colSpan={5}>
                        <AuditDiff entry={e} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </DataTable>
            <LoadMoreButton query={log} />
          </>
        )}
      </StateView>
    </section>
  );
}
