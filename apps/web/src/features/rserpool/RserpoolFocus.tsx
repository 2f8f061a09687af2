import type { RouterOutputs } from "@netops/api";
import { rserpoolHref } from "@netops/protocols/rserpool";
import { ObjectAlerts } from "../alerts/ObjectAlerts";

type Overview = RouterOutputs["rserpool"]["overview"];

/**
 * What the address points at (`?pool=`, `?pool=&pe=`, `?registrar=`, where RSerPool alerts link):
 * which object is highlighted below with its alerts, or that the console knows no such object.
 */
export function RserpoolFocus({
  o,
  pool,
  pe,
  registrar,
}: {
  o: Overview;
  pool: string | null;
  pe: string | null;
  registrar: string | null;
}) {
  const notes = [];
  if (registrar !== null) {
    const known = o.registrars.some((r) => r.serverId === registrar);
    notes.push(
      known ? (
        <ObjectAlerts key="registrar" hrefs={[rserpoolHref({ registrar })]} what={`registrar ${registrar}`} />
      ) : (
        <p key="registrar" className="form-error small" role="alert">
          No registrar {registrar} has been heard (the address said registrar={registrar}).
        </p>
      ),
    );
  }
  if (pool !== null) {
    const known = o.pools.some((p) => p.name === pool);
    const hrefs = pe !== null ? [rserpoolHref({ pool, pe })] : [rserpoolHref({ pool })];
    notes.push(
      known ? (
        <ObjectAlerts
          key="pool"
          hrefs={hrefs}
          what={pe !== null ? `pool element ${pe} in ${pool}` : `pool ${pool}`}
        />
      ) : (
        <p key="pool" className="form-error small" role="alert">
          No pool named {pool} is known (the address said pool={pool}); it may have no element left.
        </p>
      ),
    );
  }
  return notes.length ? <div className="card stack">{notes}</div> : null;
}
