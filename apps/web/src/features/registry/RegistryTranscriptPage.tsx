import { useQuery } from "@tanstack/react-query";
import { ParamCheck, ParamText } from "../../components/ParamFilters";
import { ConnectionsGate } from "./ConnectionsGate";
import { RegistryNav } from "./RegistryNav";
import { TranscriptTable } from "./TranscriptTable";
import { Empty, StateView } from "../../components/StateView";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { useSelectedConnection } from "./useConnection";

/** Search the EPP transcript (filters in the URL). */
export function RegistryTranscriptPage({ now }: { now?: number }) {
  useTitle("EPP transcript");
  const trpc = useTRPC();
  const { connections, selected, params } = useSelectedConnection();
  const object = params.get("object") ?? "";
  const q = params.get("q") ?? "";
  const failedOnly = params.get("failed") === "1";
  const items = useQuery({
    ...trpc.registry.transcript.queryOptions({
      ...(selected && { connectionId: selected.id }),
      ...(object && { object: object }),
      ...(q && { q }),
      failedOnly,
    }),
    enabled: selected !== null,
  });
  return (
    <section className="page">
      <div className="page-head">
        <h1>EPP transcript</h1>
      </div>
      <RegistryNav />
      <div className="filters">
        <ParamText label="Object" name="object" placeholder="ns1.example.example" />{" "}
        <ParamText label="Text" name="q" type="search" placeholder="clTRID, address, message…" />{" "}
        <ParamCheck name="failed">failed only</ParamCheck>
      </div>
      <ConnectionsGate connections={connections}>
        <StateView
          query={items}
          loadingLabel="Loading transcript…"
          errorTitle="Could not load the transcript"
          isEmpty={(d) => d.items.length === 0}
          empty={<Empty title="No transactions match." />}
        >
          {(d) => <TranscriptTable items={d.items} now={now} />}
        </StateView>
      </ConnectionsGate>
    </section>
  );
}
