/**
 * Demo only: a lab registrar's portfolio of 22 `.example` domains with registration dates spread
 * over past years, registered in the LAB EPP registry through its own command handlers (the code
 * its EPP server runs), so RDAP search, sorting and paging have something to sort and page on a
 * fresh clone. Everything here is made up (RFC 2606 names, RFC 5737 addresses, lab contacts).
 */
import type { EppCommand } from "@netops/protocols/epp";
import { executeCommand } from "../epp/registry";
import { LabStore } from "../epp/store";
import { LAB_WORDS } from "./store";

export const RDAP_DEMO_REGISTRAR = "rdap-lab-registrar";

const WORDS = LAB_WORDS.slice(0, 22);
const CONTACTS = ["Ada Example", "Brook Example", "Casey Example", "Dana Example", "Emery Example"];

const NS1 = [
  { ip: "v4" as const, address: "192.0.2.10" },
  { ip: "v6" as const, address: "2001:db8::10" },
];
const NS2 = [{ ip: "v4" as const, address: "198.51.100.10" }];

const day = (base: string, days: number): string =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString();

/** Adds the portfolio once (a later start finds alpha.example and changes nothing). */
export function seedRdapDemoPortfolio(registryFile: string, zone = "example"): void {
  const store = new LabStore(registryFile);
  try {
    if (store.domain(`alpha.${zone}`)) return;
    const run = (c: EppCommand, now: string) => {
      const r = executeCommand(store, c, { clID: RDAP_DEMO_REGISTRAR, zones: [zone], now });
      if (r.code >= 2000) throw new Error(`RDAP demo portfolio: ${c.cmd} failed: ${r.msg}`);
    };
    const first = "2021-01-01T00:00:00.000Z";
    CONTACTS.forEach((name, i) => {
      store.insertContact(
        {
          id: `rdap-c${i + 1}`,
          clID: RDAP_DEMO_REGISTRAR,
          postal: [
            {
              type: "int",
              name,
              org: i % 2 ? "Example Holdings (lab)" : "Lab Widgets Ltd",
              street: [`${i + 10} Lab Road`],
              city: ["Arden", "Bexley", "Corby", "Dunmore", "Elmira"][i] as string,
              pc: `LAB ${i + 1}`,
              cc: "ZZ",
            },
          ],
          email: `contact${i + 1}@lab.example`,
          voice: `+1.55501${10 + i}`,
          authPw: `rdap-lab-contact-${i + 1}`,
        },
        day(first, -30 + i),
      );
    });
    const now = Date.now();
    WORDS.forEach((w, i) => {
      // Spread, and not in name order, so sorting by date visibly reorders the list.
      const crDate = day(first, (i * 97) % 1000);
      // Long enough that the domain has not expired (the lab registry does not auto-renew).
      const years = Math.min(10, Math.ceil((now - Date.parse(crDate)) / (365 * 86_400_000)) + 1 + (i % 3));
      const contact = `rdap-c${(i % 5) + 1}`;
      run(
        {
          cmd: "domain:create",
          name: `${w}.${zone}`,
          period: { value: years, unit: "y" },
          registrant: contact,
          contacts: [{ type: "tech", id: contact }],
          authInfo: { pw: `rdap-lab-${w}` },
        },
        crDate,
      );
      if (i === 0) {
        // Name servers in alpha's own bailiwick, with glue; the other domains use them too.
        run({ cmd: "host:create", name: `ns1.alpha.${zone}`, addrs: NS1 }, day(crDate, 1));
        run({ cmd: "host:create", name: `ns2.alpha.${zone}`, addrs: NS2 }, day(crDate, 1));
      }
      // Every fourth domain has no name servers (RFC 5731 "inactive").
      if (i % 4 !== 3)
        run(
          {
            cmd: "domain:update",
            name: `${w}.${zone}`,
            add: { ns: { hostObj: [`ns1.alpha.${zone}`, `ns2.alpha.${zone}`] }, contacts: [], statuses: [] },
            rem: { contacts: [], statuses: [] },
          },
          day(crDate, 2),
        );
      if (i % 7 === 3)
        run(
          {
            cmd: "domain:update",
            name: `${w}.${zone}`,
            add: { ns: { hostObj: [] }, contacts: [], statuses: [{ s: "clientTransferProhibited" }] },
            rem: { contacts: [], statuses: [] },
          },
          day(crDate, 200),
        );
    });
  } finally {
    store.close();
  }
}
