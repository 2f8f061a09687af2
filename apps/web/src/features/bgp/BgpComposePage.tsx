import { Link } from "react-router";
import { ShutdownComposer } from "./ShutdownComposer";
import { useTitle } from "../../hooks/useTitle";

export function BgpComposePage() {
  useTitle("Compose a BGP shutdown message");
  return (
    <section className="page">
      <p className="small">
        <Link to="/bgp">← BGP events</Link>
      </p>
      <h1>Compose a shutdown message</h1>
      <p className="muted">Nothing is sent from here: copy the line for your router.</p>
      <ShutdownComposer initial="[REF056255] upgrading the router, back in 30 minutes" />
    </section>
  );
}
