/**
 * The console page of a pool, a pool element or a registrar (`/rserpool?pool=…&pe=…`,
 * `/rserpool?registrar=…`): where RSerPool alerts link, and what the page reads to focus it.
 */
export function rserpoolHref(o: { pool?: string; pe?: string; registrar?: string }): string {
  const q = new URLSearchParams();
  if (o.pool !== undefined) q.set("pool", o.pool);
  if (o.pe !== undefined) q.set("pe", o.pe);
  if (o.registrar !== undefined) q.set("registrar", o.registrar);
  const s = q.toString();
  return s ? `/rserpool?${s}` : "/rserpool";
}
