import { roleAtLeast } from "@netops/protocols";
import { addressSortKey } from "@netops/protocols/dhcp";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useRole } from "../../auth/session";
import { errorInfo } from "../../lib/errors";
import { useTRPC } from "../../trpc";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorView } from "../../components/StateView";
import type { DhcpPoolView } from "./PoolTable";
import type { DhcpSourceView } from "./SourceList";
import { DataTable } from "../../components/DataTable";
import { EntityLink } from "../../components/EntityLink";

interface SubnetView {
  id: number;
  cidr: string;
  sharedNetwork: string | null;
  pools: DhcpPoolView[];
}

/** The overview lists pools; a file source's subnets are its pools grouped by subnet row. */
function subnetsOf(sourceId: number, pools: DhcpPoolView[]): SubnetView[] {
  const byId = new Map<number, SubnetView>();
  for (const p of pools) {
    if (p.sourceId !== sourceId) continue;
    const s = byId.get(p.subnetId) ?? {
      id: p.subnetId,
      cidr: p.subnet,
      sharedNetwork: p.sharedNetwork,
      pools: [],
    };
    s.pools.push(p);
    byId.set(p.subnetId, s);
  }
  const key = (addr: string) => addressSortKey(addr.split("/")[0] ?? addr);
  const list = [...byId.values()];
  const order = (a: string, b: string) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  for (const s of list) s.pools.sort((a, b) => order(a.firstAddr, b.firstAddr));
  return list.sort((a, b) => order(a.cidr, b.cidr) || a.id - b.id);
}

/**
 * The subnets and pools the console keeps for a file source (lease files carry no configuration of
 * their own): listed for everyone, added and removed by operators. The server checks every field
 * and the role again; its refusal is shown next to the form.
 */
export function SubnetEditor({ source, pools }: { source: DhcpSourceView; pools: DhcpPoolView[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const role = useRole();
  const canEdit = roleAtLeast(role, "operator");
  const remove = useMutation(
    trpc.dhcp.removeSubnet.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.dhcp.pathKey() }),
    }),
  );
  const subnets = subnetsOf(source.id, pools);
  return (
    <section className="stack" aria-label={`Subnets of ${source.name}`}>
      <h3 className="small">Subnets configured in the console</h3>
      {subnets.length === 0 ? (
        <p className="muted small">
          None yet: without a subnet and pools, this source's utilization and pool alerts are not known.
        </p>
      ) : (
        <DataTable
          columns={["Subnet", "Shared network", "Pools", canEdit && "Actions"]}
          label={`Subnets of ${source.name}`}
        >
          {subnets.map((s) => (
            <tr key={s.id}>
              <td>
                <EntityLink kind="prefix" value={s.cidr} />
              </td>
              <td>{s.sharedNetwork ?? <span className="muted">—</span>}</td>
              <td>
                {s.pools.map((p) => (
                  <div key={p.poolId}>
                    <code>
                      {p.firstAddr}–{p.lastAddr}
                    </code>{" "}
                    <span className="muted small">({p.size.toLocaleString("en")})</span>
                  </div>
                ))}
              </td>
              {canEdit ? (
                <td>
                  <ConfirmButton
                    disabled={remove.isPending}
                    ariaLabel={`Remove subnet ${s.cidr} of ${source.name}`}
                    question={`Remove ${s.cidr} and its ${s.pools.length} pool(s) with their thresholds and utilization history? The leases stay.`}
                    onConfirm={() => remove.mutate({ id: s.id })}
                  >
                    Remove
                  </ConfirmButton>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {remove.error ? (
        <ErrorView
          compact
          error={remove.error}
          title="Could not remove the subnet"
          onDismiss={() => remove.reset()}
        />
      ) : null}
      {canEdit ? (
        <details>
          <summary>Add a subnet to {source.name}</summary>
          <AddSubnetForm source={source} />
        </details>
      ) : null}
    </section>
  );
}

const EMPTY = { cidr: "", pools: "", shared: "" };

/** Operator form: a prefix, its pools one per line, an optional shared network. */
function AddSubnetForm({ source }: { source: DhcpSourceView }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [added, setAdded] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  // The text line of each pool sent, so a refusal of pools.N can name the line the operator typed.
  const [sentLines, setSentLines] = useState<number[]>([]);
  const add = useMutation(
    trpc.dhcp.addSubnet.mutationOptions({
      onSuccess: (_r, input) => {
        setAdded(input.cidr);
        setDraft(EMPTY);
        return qc.invalidateQueries({ queryKey: trpc.dhcp.pathKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const lines = draft.pools
      .split("\n")
      .map((text, i) => ({ text: text.trim(), line: i + 1 }))
      .filter((l) => l.text !== "");
    if (lines.length === 0) {
      setLocal("Pools: at least one range, one per line.");
      return;
    }
    setLocal(null);
    setSentLines(lines.map((l) => l.line));
    add.mutate({
      sourceId: source.id,
      cidr: draft.cidr.trim(),
      pools: lines.map((l) => l.text),
      sharedNetwork: draft.shared.trim() === "" ? null : draft.shared.trim(),
    });
  };
  // Each input issue next to its field: "cidr", "sharedNetwork", "pools" or "pools.N" (N-th pool sent).
  const hints = { cidr: [] as string[], pools: [] as string[], sharedNetwork: [] as string[] };
  for (const issue of add.error ? errorInfo(add.error).issues : []) {
    const [field, index] = issue.path.split(".");
    if (field === "pools" && index !== undefined) {
      const line = sentLines[Number(index)];
      hints.pools.push(line === undefined ? issue.message : `Line ${line}: ${issue.message}`);
    } else if (field === "cidr" || field === "pools" || field === "sharedNetwork") {
      hints[field].push(issue.message);
    }
  }
  const hint = (field: keyof typeof hints) =>
    hints[field].length > 0 ? (
      <span id={`${id}-${field}`} className="error-text small">
        {hints[field].join(" ")}
      </span>
    ) : null;
  const invalid = (field: keyof typeof hints) =>
    hints[field].length > 0 ? { "aria-invalid": true, "aria-describedby": `${id}-${field}` } : {};
  return (
    <form className="filters stacked" onSubmit={submit} aria-label={`Add a subnet to ${source.name}`}>
      <div className="filters-row">
        <div>
          <label className="field">
            Subnet (CIDR)
            <input
              value={draft.cidr}
              required
              maxLength={64}
              placeholder="10.0.0.0/24"
              {...invalid("cidr")}
              onChange={(e) => setDraft({ ...draft, cidr: e.target.value })}
            />
          </label>
          {hint("cidr")}
        </div>
        <div>
          <label className="field">
            Shared network (optional)
            <input
              value={draft.shared}
              maxLength={64}
              placeholder="campus"
              {...invalid("sharedNetwork")}
              onChange={(e) => setDraft({ ...draft, shared: e.target.value })}
            />
          </label>
          {hint("sharedNetwork")}
        </div>
      </div>
      <div>
        <label className="field">
          Pools, one per line
          <textarea
            value={draft.pools}
            rows={3}
            placeholder={"10.0.0.10-10.0.0.200\n10.0.0.224/28"}
            {...invalid("pools")}
            onChange={(e) => setDraft({ ...draft, pools: e.target.value })}
          />
        </label>
        {hint("pools")}
      </div>
      <p className="small muted">
        A pool is a range <code>first-last</code> or a prefix inside the subnet; pools may not overlap.
      </p>
      <div className="row">
        <button type="submit" disabled={add.isPending}>
          Add subnet
        </button>
      </div>
      {local ? (
        <p className="error-text" role="alert">
          {local}
        </p>
      ) : null}
      {added ? (
        <p className="small" role="status">
          Added subnet {added} to {source.name}.
        </p>
      ) : null}
      {add.error ? (
        <ErrorView compact error={add.error} title="Could not add the subnet" onDismiss={() => add.reset()} />
      ) : null}
    </form>
  );
}
