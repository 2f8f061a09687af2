import { Time } from "../../components/Time";
import { Link } from "react-router";
import { EntityLink } from "../../components/EntityLink";
import { IdentifierLink } from "../../components/EntityLinkAuto";
import { domainHref, hostHref, type RegistryTransaction } from "./types";
import { DataTable } from "../../components/DataTable";

/**
 * A transaction's object by its command's class: a host links to its page and its name's entity
 * page, a domain to its lookup and its entity page, a contact (a handle) to the search for it.
 */
function TranscriptObject({
  command,
  connectionId,
  object,
}: {
  command: string;
  connectionId: string;
  object: string | null;
}) {
  if (!object) return <span className="muted">—</span>;
  const cls = command.split(":")[0];
  if (cls === "host" || cls === "domain")
    return (
      <>
        <Link to={(cls === "host" ? hostHref : domainHref)({ connectionId, name: object })}>{object}</Link>{" "}
        <EntityLink kind="name" value={object} code={false} className="small">
          (everything)
        </EntityLink>
      </>
    );
  if (cls === "contact") return <EntityLink kind="handle" value={object} />;
  return <IdentifierLink value={object} />;
}

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
          <td>
            <TranscriptObject command={t.command} connectionId={t.connectionId} object={t.object} />
          </td>
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
