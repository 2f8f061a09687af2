import type { RouterInputs } from "@netops/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../trpc";
import { ErrorView } from "../../components/StateView";

type SourceInput = RouterInputs["dhcp"]["createSource"];
type Kind = SourceInput["kind"];

const KINDS: { value: Kind; label: string; placeholder: string }[] = [
  {
    value: "kea-api",
    label: "Kea API (Control Agent or control socket)",
    placeholder: "http://127.0.0.1:8000/ or /run/kea/kea4-ctrl-socket",
  },
  { value: "kea-memfile", label: "Kea memfile", placeholder: "/var/lib/kea/kea-leases4.csv" },
  { value: "dhcpd-leases", label: "ISC dhcpd.leases", placeholder: "/var/lib/dhcp/dhcpd.leases" },
  { value: "dnsmasq-leases", label: "dnsmasq leases", placeholder: "/var/lib/misc/dnsmasq.leases" },
];

const EMPTY = {
  name: "",
  kind: "kea-api" as Kind,
  location: "",
  service: "dhcp4" as "dhcp4" | "dhcp6",
  stale: "900",
};

/** Admin form for a new lease source. The server validates every field and its message is shown. */
export function AddSourceForm() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation(
    trpc.dhcp.createSource.mutationOptions({
      onSuccess: (_r, input) => {
        setAdded(input.name);
        setDraft(EMPTY);
        return qc.invalidateQueries({ queryKey: trpc.dhcp.pathKey() });
      },
    }),
  );
  const kind = KINDS.find((k) => k.value === draft.kind) ?? KINDS[0];
  // JSON would send a non-number as null; refuse it here with a plain message instead.
  const staleBad = draft.stale.trim() !== "" && !/^[0-9]{1,9}$/.test(draft.stale.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (staleBad) return;
    setAdded(null);
    create.mutate({
      name: draft.name.trim(),
      kind: draft.kind,
      location: draft.location.trim(),
      ...(draft.kind === "kea-api" && { service: draft.service }),
      staleAfterSeconds: draft.stale.trim() === "" ? 900 : Number(draft.stale),
    });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Add a DHCP source">
      <div className="filters-row">
        <label className="field">
          Name
          <input
            value={draft.name}
            required
            maxLength={64}
            placeholder="kea-site-a"
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label className="field">
          Kind
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {draft.kind === "kea-api" ? "Control Agent URL or control socket path" : "Lease file path"}
          <input
            value={draft.location}
            required
            maxLength={1024}
            placeholder={kind?.placeholder}
            aria-describedby={`${id}-loc`}
            onChange={(e) => setDraft({ ...draft, location: e.target.value })}
          />
        </label>
        {draft.kind === "kea-api" ? (
          <label className="field">
            Service
            <select
              value={draft.service}
              onChange={(e) => setDraft({ ...draft, service: e.target.value as "dhcp4" | "dhcp6" })}
            >
              <option value="dhcp4">dhcp4</option>
              <option value="dhcp6">dhcp6</option>
            </select>
          </label>
        ) : null}
        <label className="field">
          Stale after (s)
          <input
            inputMode="numeric"
            value={draft.stale}
            onChange={(e) => setDraft({ ...draft, stale: e.target.value })}
          />
        </label>
        <button type="submit" disabled={create.isPending || staleBad}>
          Add source
        </button>
      </div>
      <p id={`${id}-loc`} className="small muted">
        The console connects only to sources listed here. Lease files are read only from the folders
        configured in <code>dhcp.leaseDirs</code>. File sources take their subnets from the console.
      </p>
      {staleBad ? (
        <p className="error-text" role="alert">
          Stale after: a whole number of seconds.
        </p>
      ) : null}
      {added ? (
        <p className="small" role="status">
          Added source {added}; it is read on the next cycle.
        </p>
      ) : null}
      {create.error ? (
        <ErrorView
          compact
          error={create.error}
          title="Could not add the source"
          onDismiss={() => create.reset()}
        />
      ) : null}
    </form>
  );
}
