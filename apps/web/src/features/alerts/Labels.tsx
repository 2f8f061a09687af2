import { IdentifierLink } from "../../components/EntityLinkAuto";

/** An alert's labels, sorted; a value naming an address, prefix, MAC, name or AS links to its entity page. */
export function Labels({ labels }: { labels: Record<string, string> }) {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="labels">
      {keys.map((k) => (
        <li key={k}>
          <code>
            {k}=<IdentifierLink value={labels[k]} field={k} code={false} />
          </code>
        </li>
      ))}
    </ul>
  );
}
