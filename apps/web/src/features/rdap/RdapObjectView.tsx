import { Fragment } from "react";
import type { Autnum, Domain, Entity, IpNetwork, Nameserver, RdapObject } from "@netops/protocols/rdap";
import { ContactCardView } from "./ContactCardView";
import { EventTimeline } from "./EventTimeline";
import { Notices } from "./Notices";
import { Redactions } from "./Redactions";
import { StatusChips } from "./StatusChips";
import { EntityLink } from "../../components/EntityLink";

/** The name a person calls the object by. */
export function objectTitle(o: RdapObject): string {
  switch (o.objectClassName) {
    case "domain":
    case "nameserver":
      return o.unicodeName ?? o.ldhName ?? o.handle ?? "(unnamed)";
    case "entity":
      return o.contact?.fn ?? o.handle ?? "(unnamed entity)";
    case "ip network":
      return o.cidrs[0] ?? [o.startAddress, o.endAddress].filter(Boolean).join(" – ") ?? o.handle ?? "";
    case "autnum":
      return o.startAutnum === o.endAutnum || o.endAutnum === undefined
        ? `AS${o.startAutnum ?? "?"}`
        : `AS${o.startAutnum}–AS${o.endAutnum}`;
  }
}

function Entities({ items }: { items: Entity[] }) {
  if (!items.length) return null;
  return (
    <section aria-label="Entities">
      <h3>Contacts</h3>
      <div className="grid-2">
        {items.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: server data shown in the order sent, never reordered
          <div key={`${e.handle ?? ""}${i}`}>
            <ContactCardView card={e.contact} roles={e.roles} />
            {e.handle ? <p className="muted small">handle {e.handle}</p> : null}
            <Redactions items={e.redacted} />
          </div>
        ))}
      </div>
    </section>
  );
}

function Addresses({ ns }: { ns: Nameserver }) {
  const all = [...(ns.ipAddresses?.v4 ?? []), ...(ns.ipAddresses?.v6 ?? [])];
  return all.length ? (
    <span className="small">
      {" "}
      {all.map((a, i) => (
        <Fragment key={a}>
          {i > 0 ? ", " : null}
          <EntityLink kind="ip" value={a} />
        </Fragment>
      ))}
    </span>
  ) : null;
}

function ClassDetails({ o }: { o: RdapObject }) {
  switch (o.objectClassName) {
    case "domain": {
      const d = o as Domain;
      return d.nameservers.length ? (
        <section aria-label="Nameservers">
          <h3>Nameservers</h3>
          <ul>
            {d.nameservers.map((n) => (
              <li key={n.ldhName ?? n.handle}>
                <EntityLink kind="name" value={n.ldhName} />
                <Addresses ns={n} />
              </li>
            ))}
          </ul>
        </section>
      ) : null;
    }
    case "nameserver":
      return (
        <p>
          Addresses: <Addresses ns={o as Nameserver} />
        </p>
      );
    case "ip network": {
      const n = o as IpNetwork;
      return (
        <dl className="details">
          <dt>Range</dt>
          <dd>
            {n.startAddress} – {n.endAddress}
          </dd>
          {n.name ? (
            <>
              <dt>Name</dt>
              <dd>{n.name}</dd>
            </>
          ) : null}
          {n.country ? (
            <>
              <dt>Country</dt>
              <dd>{n.country}</dd>
            </>
          ) : null}
        </dl>
      );
    }
    case "autnum": {
      const a = o as Autnum;
      return a.name ? <p>Name: {a.name}</p> : null;
    }
    default:
      return null;
  }
}

/** One RDAP object for people: status chips, event timeline, contacts, redactions, remarks. */
export function RdapObjectView({ object }: { object: RdapObject }) {
  return (
    <article className="card" aria-label={`${object.objectClassName} ${objectTitle(object)}`}>
      <header className="detail-head">
        <h2>
          {objectTitle(object)} <span className="badge">{object.objectClassName}</span>
        </h2>
        {object.handle ? <p className="muted small">handle {object.handle}</p> : null}
      </header>
      <StatusChips status={object.status} />
      <ClassDetails o={object} />
      <EventTimeline events={object.events} />
      {object.objectClassName === "entity" ? (
        <ContactCardView card={(object as Entity).contact} roles={(object as Entity).roles} />
      ) : null}
      <Redactions items={object.redacted} />
      {"entities" in object ? <Entities items={object.entities as Entity[]} /> : null}
      <Notices items={object.remarks} label="Remarks" />
    </article>
  );
}
