import { ExportLinks } from "../../components/ExportLinks";
import { roleAtLeast } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "../../auth/session";
import { AddToggle } from "../../components/AddToggle";
import { UploadVerify } from "./UploadVerify";
import { ZoneTable } from "./ZoneTable";
import { ListStateView } from "../../components/ListStateView";
import { useTitle } from "../../hooks/useTitle";
import { useTRPC } from "../../trpc";
import { ZoneForm } from "./ZoneForm";

/** Every watched zone, ad hoc verification of a file, and (admins) adding a zone. */
export function DnsZonesPage({ now }: { now?: number }) {
  useTitle("DNS zones");
  const trpc = useTRPC();
  const role = useRole();
  const [adding, setAdding] = useState(false);
  const zones = useQuery({ ...trpc.dns.list.queryOptions(), refetchInterval: 15_000 });
  return (
    <section className="page">
      <div className="page-head">
        <h1>DNS zones</h1>
        <ExportLinks list="dns-zones" label="DNS zones" />
        {roleAtLeast(role, "admin") ? (
          <AddToggle open={adding} setOpen={setAdding}>
            Watch a zone
          </AddToggle>
        ) : null}
      </div>
      <p className="muted">
        Each zone's copy is fetched (AXFR, file or https) and its ZONEMD digest (RFC 8976) verified; the SOA
        serial of every listed server is compared with the primary's.
      </p>
      {adding ? <ZoneForm onDone={() => setAdding(false)} /> : null}
      <ListStateView
        query={zones}
        loadingLabel="Loading zones…"
        errorTitle="Could not load the zones"
        emptyTitle="No zones are watched yet."
        emptyHint={
          roleAtLeast(role, "admin")
            ? "Use “Watch a zone” to add one (AXFR from a server, a zone file, or an https URL)."
            : "Ask an admin to add the zones you serve or mirror."
        }
      >
        {(data) => <ZoneTable zones={data} now={now} />}
      </ListStateView>
      <UploadVerify />
    </section>
  );
}
