/** RFC 5732 host statuses; "linked" and the prohibitions are what an operator needs to notice. */
export function HostStatusChips({ statuses }: { statuses: { s: string; text?: string | undefined }[] }) {
  return (
    <ul className="inline-list">
      {statuses.map((s) => (
        <li key={s.s}>
          <span
            className={`chip ${s.s === "linked" ? "health-degraded" : s.s.includes("Prohibited") ? "bad" : s.s.startsWith("pending") ? "muted-chip" : "ok"}`}
            title={s.text}
          >
            {s.s}
          </span>
        </li>
      ))}
    </ul>
  );
}
