/**
 * One entity's page (`/ip/192.0.2.53`, `/prefix/198.18.0.0/15`, `/mac/…`, `/name/ns1.example`,
 * `/as/64496`): everything the console knows about it, one section per subsystem (each saying when
 * its data was refreshed and linking to the subsystem), and its timeline. Read-only: a viewer sees
 * all of it, and nothing here changes anything. Another notation of the same entity (`/mac/001a.2b3c.4d5e`)
 * is replaced by the canonical URL.
 */
import type { EntityRef, EntityType } from "@netops/protocols";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { CopyButton } from "../../components/CopyButton";
import { Empty, ErrorView, Loading } from "../../components/StateView";
import { useTitle } from "../../hooks/useTitle";
import { useUrlState } from "../../lib/urlState";
import { useTRPC } from "../../trpc";
import { entityTimelineSchema } from "../timeline/filters";
import { TimelineView } from "../timeline/TimelineView";
import { EntitySectionCard } from "./EntitySectionCard";
import "./entity.css";

export const ENTITY_TYPE_WORDS: Record<EntityType, string> = {
  ip: "IP address",
  prefix: "Prefix",
  mac: "MAC address",
  name: "Host or domain name",
  as: "Autonomous system",
};

/** The entity named by the route: `/:type/:value` (a prefix's length is the next path segment). */
export function useEntityParam(type: EntityType): EntityRef {
  const params = useParams();
  const value = type === "prefix" ? (params["*"] ?? "") : (params.value ?? "");
  return { type, value };
}

export function EntityPage({ type, now }: { type: EntityType; now?: number }) {
  const ref = useEntityParam(type);
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const q = useQuery({ ...trpc.entity.get.queryOptions(ref), retry: false });
  const page = q.data;
  useTitle(page ? page.display : ref.value);

  // Another notation of the same entity: show it under its one URL (keeping the query string).
  useEffect(() => {
    if (page && page.url !== location.pathname && decodeURIComponent(location.pathname) !== page.url)
      navigate(`${page.url}${location.search}`, { replace: true });
  }, [page, location.pathname, location.search, navigate]);

  const sections = page?.sections ?? [];
  return (
    <section className="page entity-page">
      <p className="crumbs small">
        <Link to="/search">Search</Link> › {ENTITY_TYPE_WORDS[type]}
      </p>
      <div className="page-head">
        <h1 className="entity-title">
          <code>{page?.display ?? ref.value}</code>
        </h1>
        <div className="actions">
          <CopyButton text={page?.entity.value ?? ref.value} label="Copy" />
          {page && page.entity.type !== "mac" ? (
            <Link className="button btn-sm" to={`/rdap?q=${encodeURIComponent(page.entity.value)}`}>
              Look up in RDAP now
            </Link>
          ) : null}
          {page ? (
            <Link className="button btn-sm" to={`/search?q=${encodeURIComponent(page.entity.value)}`}>
              Search for it
            </Link>
          ) : null}
        </div>
      </div>
      {q.error ? (
        <ErrorView error={q.error} title={`Could not load ${ref.value}`} onRetry={() => void q.refetch()} />
      ) : !page ? (
        <Loading label={`Gathering everything about ${ref.value}…`} />
      ) : (
        <>
          <p className="muted">
            {ENTITY_TYPE_WORDS[page.entity.type]}
            {sections.length
              ? ` · known to ${sections.length} section${sections.length === 1 ? "" : "s"}: ${sections.map((s) => s.title).join(", ")}`
              : ""}
          </p>
          {sections.length === 0 ? (
            <Empty title={`The console knows nothing about ${page.display}.`}>
              <p className="small">
                No lease, registry object, zone record, RDAP object, BGP session, alert or audit entry names
                it.
              </p>
            </Empty>
          ) : (
            <div className="entity-sections">
              {sections.map((s) => (
                <EntitySectionCard key={`${s.subsystem}:${s.title}`} section={s} now={now} />
              ))}
            </div>
          )}
          <EntityTimeline entity={page.entity} now={now} />
        </>
      )}
    </section>
  );
}

const TYPES: readonly EntityType[] = ["ip", "prefix", "mac", "name", "as"];

/** The route element for every entity path: the type is the path's first segment (App.tsx mounts it). */
export function EntityRoutePage() {
  const first = useLocation().pathname.split("/")[1] ?? "";
  const type = TYPES.find((t) => t === first) ?? "ip";
  return <EntityPage key={type} type={type} />;
}

function EntityTimeline({ entity, now }: { entity: EntityRef; now?: number }) {
  const [state, setState, issues] = useUrlState(entityTimelineSchema);
  const params = new URLSearchParams({ entity: `${entity.type}:${entity.value}` });
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  return (
    <section className="card entity-timeline" aria-labelledby="entity-timeline-head">
      <div className="section-head">
        <h2 id="entity-timeline-head">Timeline</h2>
        <Link to={`/timeline?${params}`} className="small">
          Open in the timeline
        </Link>
      </div>
      <TimelineView
        filters={state}
        onChange={setState}
        issues={issues}
        entity={entity}
        now={now}
        pageSize={50}
      />
    </section>
  );
}
