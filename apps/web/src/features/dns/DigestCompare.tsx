import { hashName, type ZoneCheck } from "./types";
import { DataTable } from "../../components/DataTable";

/** Published vs computed digest for every apex ZONEMD record of a check, differences marked. */
export function DigestCompare({ check }: { check: ZoneCheck }) {
  if (check.zonemd.length === 0)
    return (
      <p className="muted">
        {check.status === "fetch_failed" ? "No copy was fetched." : "The copy has no ZONEMD record."}
      </p>
    );
  return (
    <DataTable
      columns={["Serial", "Scheme / hash", "Outcome", "Published / computed digest"]}
      caption={<>ZONEMD records at the apex (serial {check.serial ?? "—"})</>}
    >
      {check.zonemd.map((z) => {
        const same = z.computedDigest !== null && z.computedDigest === z.publishedDigest;
        return (
          <tr
            key={`${z.scheme}-${z.hashAlgorithm}-${z.serial}-${z.publishedDigest}`}
            className={same || z.computedDigest === null ? "" : "is-failed"}
          >
            <td className="num">{z.serial}</td>
            <td>
              {z.scheme === 1 ? "SIMPLE" : `scheme ${z.scheme}`} / {hashName(z.hashAlgorithm)}
            </td>
            <td>{z.outcome.replaceAll("_", " ")}</td>
            <td>
              <div>
                <span className="muted small">published </span>
                <code className="break">{z.publishedDigest}</code>
              </div>
              <div>
                <span className="muted small">computed </span>
                <code className="break">{z.computedDigest ?? "— (not computed)"}</code>
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
