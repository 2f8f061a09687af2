/** RDAP status values (RFC 9083 §4.6) as chips; holds and prohibitions stand out. */
export function StatusChips({ status }: { status: string[] }) {
  if (!status.length) return null;
  return (
    <ul className="inline-list" aria-label="Status">
      {status.map((s) => (
        <li key={s} className={`chip${/hold|prohibited|inactive|pending/.test(s) ? " sev-warning" : ""}`}>
          {s}
        </li>
      ))}
    </ul>
  );
}
