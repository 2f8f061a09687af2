import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { Empty, StateView } from "../../components/StateView";
import { useTRPC } from "../../trpc";
import { AlertRefList } from "./RelatedAlerts";
import "./alerts.css";

/**
 * An object page's own alerts, firing and past (`alerts.forObject`): those linking to one of the
 * object's pages. `hrefs` are the page's URLs as alerts write them (by name and by old id).
 */
export function ObjectAlerts({
  hrefs,
  what,
  now,
}: {
  hrefs: readonly string[];
  /** The object in words, for the heading's neighbours ("zone corrupt.example."). */
  what: string;
  now?: number | undefined;
}) {
  const trpc = useTRPC();
  const headingId = useId();
  const q = useQuery({
    ...trpc.alerts.forObject.queryOptions({ hrefs: [...hrefs] }),
    refetchInterval: 30_000,
  });
  return (
    <section aria-labelledby={headingId} className="object-alerts">
      <h2 id={headingId}>Alerts</h2>
      <StateView
        query={q}
        loadingLabel={`Loading the alerts of ${what}…`}
        errorTitle={`Could not load the alerts of ${what}`}
        isEmpty={(d) => d.items.length === 0}
        empty={<Empty title={`No alerts about ${what}.`} />}
      >
        {(d) => (
          <>
            <AlertRefList items={d.items} now={now} />
            {d.more ? (
              <p className="small muted">
                The newest {d.items.length} are shown; older ones are on the{" "}
                <Link to="/alerts">alerts page</Link>.
              </p>
            ) : null}
          </>
        )}
      </StateView>
    </section>
  );
}
