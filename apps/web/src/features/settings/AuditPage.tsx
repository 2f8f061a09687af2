import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { LoadMoreButton } from "../../components/LoadMoreButton";
import { DataTable } from "../../components/DataTable";
import { Empty, StateView } from "../../components/StateView";
import { ExportLinks } from "../../components/ExportLinks";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { Time } from "../../components/Time";
import { useNow } from "../../hooks/useNow";
import { useTitle } from "../../hooks/useTitle";
import { isRelative } from "../../lib/timeRange";
import { useUrlState } from "../../lib/urlState";
import { AuditFailure, AuditResultCell } from "./AuditOutcome";
import { diffSnapshots, hasSnapshotData, parseSnapshot } from "./diff";
import { AUDIT_FILTER_LABELS, AuditFilterForm } from "./AuditFilterForm";
import { AuditTarget } from "./AuditTarget";
import { auditFiltersSchema, toAuditInput } from "./filters";
import type { AuditEntry } from "./types";
import { useTRPC } from "../../trpc";
import { RequireRole } from "./SettingsLayout";
import "./settings.css";
import { EntityLink } from "../../components/EntityLink";

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
  const [filters, setFilters, issues, raw] = useUrlState(auditFiltersSchema);
  // A relative range ("last 24 hours") moves with the clock: re-resolve it every 30 s.
  const clock = useNow(30_000);
  const input = toAuditInput(filters, isRelative(filters) ? clock : 0);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const log = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { ...input, limit: 100 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: !hasIssues(issues),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const toggleOpen = (id: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <>
      <div className="section-head">
        <AuditFilterForm filters={filters} onChange={setFilters} issues={issues} raw={raw} />
        <ExportLinks list="audit" input={input} blocked={hasIssues(issues)} label="audit entries" />
      </div>
      <FilterGate issues={issues} labels={AUDIT_FILTER_LABELS} clearHref="/settings/audit">
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
                        <td>
                          <AuditTarget action={e.action} target={e.target} />
                        </td>
                        <td>
                          <AuditResultCell entry={e} />
                        </td>
                        <td>
                          <EntityLink kind="ip" value={e.ip} />
                        </td>
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
      </FilterGate>
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
