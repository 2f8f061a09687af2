import type { Finding } from "@netops/protocols/rdap";
import { DataTable } from "../../components/DataTable";
import { Empty } from "../../components/StateView";

/** Conformance findings, as the ICANN tool reports them: severity, code, JSONPath, reason. */
export function Findings({ items }: { items: Finding[] }) {
  if (!items.length) return <Empty title="No conformance findings: the response follows RFC 9083." />;
  return (
    <DataTable columns={["Severity", "Code", "Where", "Finding"]} label="Conformance findings">
      {items.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
        <tr key={`${f.code}${f.path}${i}`}>
          <td>
            <span className={`chip ${f.severity === "error" ? "sev-critical" : "sev-warning"}`}>
              {f.severity}
            </span>
          </td>
          <td>
            <code>{f.code}</code>
          </td>
          <td>
            <code>{f.path}</code>
          </td>
          <td>{f.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}
