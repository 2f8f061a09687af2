import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, Fragment, useEffect, useState } from "react";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { DataTable } from "../../components/DataTable";
import { Empty, StateView } from "../../components/StateView";
import { UrlIssues } from "../../components/UrlIssues";
import { Time } from "../../components/Time";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { AuditFailure, AuditResultCell } from "./AuditOutcome";
import { diffSnapshots, hasSnapshotData, parseSnapshot } from "./diff";
import { auditFiltersSchema } from "./filters";
import type { AuditEntry } from "./types";
import { useTRPC } from "../../trpc";
import { RequireRole } from "./SettingsLayout";
import "./settings.css";

const DIFF_COLUMNS = ["Field", "Before", "After"];

/** Before/after of one audit entry, one row per changed field. */
export function AuditDiff({ entry }: { entry: Pick<AuditEntry, "before" | "after"> }) {
  const [showAll, setShowAll] = useState(false);
  const rows = diffSnapshots(parseSnapshot(entry.before), parseSnapshot(entry.after));
  if (rows.length === 0) return <p className="muted small">No data recorded for this entry.</p>;
  const changed = rows.filter((r) => r.kind !== "same");
  const shown = showAll ? rows : changed;
  const same = rows.length - changed.length;
  return (
    <div className="diff">
      {shown.length === 0 ? <p className="muted small">Nothing changed.</p> : null}
      {shown.length === 0 ? null : (
        <DataTable className="diff-table" columns={DIFF_COLUMNS} wrap={false}>
          {shown.map((r) => (
            <tr key={r.path} className={`diff-${r.kind}`}>
              <th scope="row">
                <code>{r.path}</code> <span className="sr-only">({r.kind})</span>
              </th>
              <td className="diff-before">{r.before ?? "—"}</td>
              <td className="diff-after">{r.after ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {same > 0 ? (
        <button type="button" className="btn-sm ghost" onClick={() => setShowAll(!showAll)}>
          {showAll ? "Hide unchanged fields" : `Show ${same} unchanged field${same === 1 ? "" : "s"}`}
        </button>
      ) : null}
    </div>
  );
}

function AuditLog() {
  const trpc = useTRPC();
  const [{ action, actor }, setFilters, issues] = useUrlState(auditFiltersSchema);
  const [draftAction, setDraftAction] = useState(action);
  const [draftActor, setDraftActor] = useState(actor);
  useEffect(() => setDraftAction(action), [action]);
  useEffect(() => setDraftActor(actor), [actor]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const log = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { ...(action ? { action } : {}), ...(actor ? { actor } : {}), limit: 100 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ action: draftAction, actor: draftActor });
  };
  const toggleOpen = (id: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <>
      <form className="filters filters-row" onSubmit={submit} aria-label="Audit filters">
        <div className="field inline">
          <label htmlFor="audit-action">Action starts with</label>
          <input
            id="audit-action"
            placeholder="e.g. alerts. or users.setRole"
            maxLength={100}
            value={draftAction}
            onChange={(e) => setDraftAction(e.target.value)}
          />
        </div>
        <div className="field inline">
          <label htmlFor="audit-actor">Actor</label>
          <input
            id="audit-actor"
            placeholder="username"
            maxLength={64}
            value={draftActor}
            onChange={(e) => setDraftActor(e.target.value)}
          />
        </div>
        <button type="submit">Filter</button>
        {action || actor ? (
          <button type="button" className="ghost" onClick={() => setFilters({ action: "", actor: "" })}>
            Clear
          </button>
        ) : null}
      </form>
      <UrlIssues issues={issues} />
      <StateView
        query={log}
        loadingLabel="Loading the audit log…"
        errorTitle="Could not load the audit log"
        isEmpty={(d) => d.pages.every((p) => p.items.length === 0)}
        empty={<Empty title="No audit entries match." />}
      >
        {() => (
          <>
            <DataTable
              className="audit"
              columns={[
                "Time",
                "Actor",
                "Action",
                "Target",
                "Result",
                "IP",
                { key: "changes", label: <span className="sr-only">Changes</span> },
              ]}
            >
              {items.map((e) => {
                const hasData = hasSnapshotData(e);
                const isOpen = open.has(e.id);
                return (
                  <Fragment key={e.id}>
                    <tr className={e.ok ? undefined : "is-failed"}>
                      <td>
                        <Time iso={e.at} />
                      </td>
                      <td>{e.actorName}</td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>{e.target ?? "—"}</td>
                      <td>
                        <AuditResultCell entry={e} />
                      </td>
                      <td>{e.ip ?? "—"}</td>
                      <td>
                        {hasData ? (
                          <button
                            type="button"
                            className="btn-sm"
                            aria-expanded={isOpen}
                            aria-controls={`audit-diff-${e.id}`}
                            onClick={() => toggleOpen(e.id)}
                          >
                            {e.ok
                              ? isOpen
                                ? "Hide changes"
                                : "Show changes"
                              : isOpen
                                ? "Hide details"
                                : "Show details"}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                    {isOpen ? (
                      <tr id={`audit-diff-${e.id}`} className="diff-row">
                        <td colSpan={7}>{e.ok ? <AuditDiff entry={e} /> : <AuditFailure entry={e} />}</td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </DataTable>
            <LoadMoreButton query={log} />
          </>
        )}
      </StateView>
    </>
  );
}

export function AuditPage() {
  useTitle("Audit log");
  return (
    <section className="page">
      <h1>Audit log</h1>
      <RequireRole need="admin">
        <AuditLog />
      </RequireRole>
    </section>
  );
}
