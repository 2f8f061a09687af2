import { useQuery } from "@tanstack/react-query";
import { CheckFilter, TextFilter } from "../../components/FilterControls";
import { ConnectionsGate } from "./ConnectionsGate";
import { RegistryNav } from "./RegistryNav";
import { TranscriptTable } from "./TranscriptTable";
import { Empty, StateView } from "../../components/StateView";
import { FilterGate, hasIssues } from "../../components/FilterGate";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { type TranscriptFilters, transcriptFiltersSchema } from "./filters";
import { useSelectedConnection } from "./useConnection";

/** Search the EPP transcript (filters in the URL); the poll job's routine polls are hidden unless asked for. */
export function RegistryTranscriptPage({ now }: { now?: number }) {
  useTitle("EPP transcript");
  const trpc = useTRPC();
  const { connections, selected } = useSelectedConnection();
  const [{ object, q, failed: failedOnly, polls }, setFilters, issues] = useUrlState(transcriptFiltersSchema);
  // Filters change as you type: each keystroke replaces the history entry.
  const set = (change: Partial<TranscriptFilters>) => setFilters(change, { replace: true });
  const items = useQuery({
    ...trpc.registry.transcript.queryOptions({
      ...(selected && { connectionId: selected.id }),
      ...(object && { object: object }),
      ...(q && { q }),
      failedOnly,
      includeRoutine: polls,
    }),
    enabled: selected !== null && !hasIssues(issues),
  });
  return (
    <section className="page">
      <div className="page-head">
        <h1>EPP transcript</h1>
      </div>
      <RegistryNav />
      <div className="filters">
        <TextFilter
          label="Object"
          placeholder="ns1.example.example"
          value={object}
          onChange={(v) => set({ object: v })}
          error={issues.object}
        />{" "}
        <TextFilter
          label="Text"
          type="search"
          placeholder="clTRID, address, message…"
          value={q}
          onChange={(v) => set({ q: v })}
          error={issues.q}
        />{" "}
        <CheckFilter checked={failedOnly} onChange={(v) => set({ failed: v })} error={issues.failed}>
          failed only
        </CheckFilter>{" "}
        <CheckFilter checked={polls} onChange={(v) => set({ polls: v })} error={issues.polls}>
          routine polls
        </CheckFilter>
      </div>
      <FilterGate
        issues={issues}
        labels={{ object: "Object", q: "Text", failed: "Failed only", polls: "Routine polls" }}
        clearHref="/registry/transcript"
      >
        <ConnectionsGate connections={connections}>
          <StateView
            query={items}
            loadingLabel="Loading transcript…"
            errorTitle="Could not load the transcript"
            isEmpty={(d) => d.items.length === 0}
            empty={
              <Empty title="No transactions match.">
                {polls ? null : (
                  <p>Routine polls (poll req, no messages) are hidden; tick “routine polls” to see them.</p>
                )}
              </Empty>
            }
          >
            {(d) => <TranscriptTable items={d.items} now={now} />}
          </StateView>
        </ConnectionsGate>
      </FilterGate>
    </section>
  );
}
