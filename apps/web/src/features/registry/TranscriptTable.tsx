import { Time } from "../../components/Time";
import type { RegistryTransaction } from "./types";
import { DataTable } from "../../components/DataTable";

/** EPP transactions, newest first; both documents are stored redacted (no passwords, no authInfo). */
export function TranscriptTable({ items, now }: { items: RegistryTransaction[]; now?: number | undefined }) {
  return (
    <DataTable
      columns={["When", "Command", "Object", "Result", "Time", "Documents"]}
      caption="EPP transcript"
      captionHidden
      pageSize={100}
    >
      {items.map((t) => (
        <tr key={t.id}>
          <td>
            <Time iso={t.startedAt} relative now={now} />
          </td>
          <td>
            <code>{t.command}</code>
          </td>
          <td>{t.object ?? "—"}</td>
          <td>
            {t.code !== null ? (
              <span className={`chip ${t.code >= 2000 ? "bad" : "ok"}`} title={t.message ?? undefined}>
                {t.code} {t.meaning}
              </span>
            ) : (
              <span className="chip bad">{t.error ?? "no answer"}</span>
            )}
          </td>
          <td>{t.durationMs} ms</td>
          <td>
            <details>
              <summary>
                clTRID {t.clTRID ?? "—"} · svTRID {t.svTRID ?? "—"}
              </summary>
              <pre className="xml">{t.requestXml}</pre>
              {t.responseXml ? <pre className="xml">{t.responseXml}</pre> : null}
            </details>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
