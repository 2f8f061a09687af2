/**
 * Demo objects for the LAB registry: two registrars, contacts, domains and hosts (with glue for
 * in-bailiwick name servers), and one pending transfer so the console's poll queue has content.
 * Created through the same handlers as EPP commands, so they obey the same rules.
 */
import type { EppCommand } from "@netops/protocols/epp";
import { executeCommand } from "./registry";
import type { LabStore } from "./store";

export const LAB_DEMO_CLIENT = "netops-demo";
export const LAB_OTHER_CLIENT = "other-registrar";

export function seedLabDemo(store: LabStore, zones: readonly string[]): void {
  if (store.domain(`netops-demo.${zones[0]}`)) return;
  const now = new Date().toISOString();
  const run = (clID: string, c: EppCommand) => {
    const r = executeCommand(store, c, { clID, zones, now });
    if (r.code >= 2000) throw new Error(`lab demo seed: ${c.cmd} failed: ${r.msg}`);
  };
  const z = zones[0] ?? "example";
  store.insertContact(
    {
      id: "demo-admin",
      clID: LAB_DEMO_CLIENT,
      postal: [{ type: "int", name: "Demo Hostmaster", street: ["1 Lab Street"], city: "Labtown", cc: "ZZ" }],
      email: "hostmaster@netops-demo.example",
      authPw: "lab-contact-auth",
    },
    now,
  );
  store.insertContact(
    {
      id: "other-admin",
      clID: LAB_OTHER_CLIENT,
      postal: [
        { type: "int", name: "Other Registrar Ops", street: ["2 Lab Street"], city: "Labtown", cc: "ZZ" },
      ],
      email: "ops@other-registrar.example",
      authPw: "lab-contact-auth-2",
    },
    now,
  );
  const domain = (clID: string, name: string, contact: string, ns: string[] = []) =>
    run(clID, {
      cmd: "domain:create",
      name,
      period: { value: 1, unit: "y" },
      registrant: contact,
      contacts: [
        { type: "admin", id: contact },
        { type: "tech", id: contact },
      ],
      authInfo: { pw: `lab-auth-${name}` },
      ...(ns.length > 0 && { ns: { hostObj: ns } }),
    });
  domain(LAB_DEMO_CLIENT, `netops-demo.${z}`, "demo-admin");
  run(LAB_DEMO_CLIENT, {
    cmd: "host:create",
    name: `ns1.netops-demo.${z}`,
    addrs: [
      { ip: "v4", address: "192.0.2.53" },
      { ip: "v6", address: "2001:db8::53" },
    ],
  });
  run(LAB_DEMO_CLIENT, {
    cmd: "host:create",
    name: `ns2.netops-demo.${z}`,
    addrs: [{ ip: "v4", address: "198.51.100.53" }],
  });
  run(LAB_DEMO_CLIENT, { cmd: "host:create", name: "ns.dns-provider.net", addrs: [] });
  run(LAB_DEMO_CLIENT, {
    cmd: "domain:update",
    name: `netops-demo.${z}`,
    add: { ns: { hostObj: [`ns1.netops-demo.${z}`, `ns2.netops-demo.${z}`] }, contacts: [], statuses: [] },
    rem: { contacts: [], statuses: [] },
  });
  domain(LAB_DEMO_CLIENT, `shop-demo.${z}`, "demo-admin", [`ns1.netops-demo.${z}`, "ns.dns-provider.net"]);
  // lab.example is also a lab DNS zone (packages/labs/src/dns/demo): its name server ns1.lab.example
  // (192.0.2.53) is the one name the demo connects across subsystems (README, "Search").
  domain(LAB_DEMO_CLIENT, `lab.${z}`, "demo-admin");
  run(LAB_DEMO_CLIENT, {
    cmd: "host:create",
    name: `ns1.lab.${z}`,
    addrs: [{ ip: "v4", address: "192.0.2.53" }],
  });
  run(LAB_DEMO_CLIENT, {
    cmd: "domain:update",
    name: `lab.${z}`,
    add: { ns: { hostObj: [`ns1.lab.${z}`] }, contacts: [], statuses: [] },
    rem: { contacts: [], statuses: [] },
  });
  domain(LAB_OTHER_CLIENT, `other-customer.${z}`, "other-admin");
  run(LAB_OTHER_CLIENT, {
    cmd: "host:create",
    name: `ns1.other-customer.${z}`,
    addrs: [{ ip: "v4", address: "203.0.113.10" }],
  });
  run(LAB_OTHER_CLIENT, {
    cmd: "domain:update",
    name: `other-customer.${z}`,
    add: { ns: { hostObj: [`ns1.other-customer.${z}`, `ns2.netops-demo.${z}`] }, contacts: [], statuses: [] },
    rem: { contacts: [], statuses: [] },
  });
  // A transfer away from the demo registrar: it lands in the demo client's poll queue.
  run(LAB_OTHER_CLIENT, {
    cmd: "domain:transfer",
    op: "request",
    name: `shop-demo.${z}`,
    authInfo: { pw: `lab-auth-shop-demo.${z}` },
  });
  store.enqueue(
    LAB_DEMO_CLIENT,
    "LAB registry maintenance window: Sunday 02:00-03:00 UTC (a demo server message)",
    now,
  );
}
