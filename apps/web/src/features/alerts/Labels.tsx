export function Labels({ labels }: { labels: Record<string, string> }) {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="labels">
      {keys.map((k) => (
        <li key={k}>
          <code>
            {k}={labels[k]}
          </code>
        </li>
      ))}
    </ul>
  );
}
