/**
 * What the LAB RDAP server serves, behind an interface: `RegistryLabRdapStore` (./registry-store)
 * reads the LAB EPP registry's database; `SeededLabRdapStore` is a small fixed dataset for tests
 * and the fallback when the lab registry does not run: `.example` names (RFC 2606), RFC 5737 /
 * RFC 3849 addresses, handles ending in -LAB. Nothing here is real.
 */
export interface LabDomain {
  name: string;
  handle: string;
  status: string[];
  registered: string;
  lastChanged?: string;
  expires: string;
  transferred?: string;
  /** Entity handles. */
  registrar: string;
  registrant?: string;
  /** Other contacts (RFC 9083 roles "administrative", "technical", …) by entity handle. */
  contacts?: { role: string; handle: string }[];
  nameservers: string[];
}

export interface LabNameserver {
  name: string;
  handle: string;
  v4: string[];
  v6: string[];
  status: string[];
  registered: string;
  lastChanged?: string;
  registrar: string;
}

export interface LabEntity {
  handle: string;
  fn: string;
  org?: string;
  email?: string;
  voice?: string;
  street?: string[];
  city?: string;
  sp?: string;
  pc?: string;
  country?: string;
  cc?: string;
  roles: string[];
  /** Absent for registrars the lab knows only by client id. */
  registered?: string;
  status?: string[];
  /** IANA registrar id (RFC 9083 publicIds), for registrars. */
  ianaId?: string;
}

export interface LabRdapStore {
  /** At most `limit` objects, in no particular order (the server sorts). */
  listDomains(limit: number): Promise<LabDomain[]>;
  lookupDomain(name: string): Promise<LabDomain | null>;
  listNameservers(limit: number): Promise<LabNameserver[]>;
  lookupNameserver(name: string): Promise<LabNameserver | null>;
  listEntities(limit: number): Promise<LabEntity[]>;
  lookupEntity(handle: string): Promise<LabEntity | null>;
}

/** Lab names (the NATO alphabet): the seeded store and the demo portfolio both draw on it. */
export const LAB_WORDS = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliett",
  "kilo",
  "lima",
  "mike",
  "november",
  "oscar",
  "papa",
  "quebec",
  "romeo",
  "sierra",
  "tango",
  "uniform",
  "victor",
  "whiskey",
  "xray",
  "yankee",
];

const day = (base: string, days: number): string =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString().replace(".000Z", "Z");

/** The seeded lab dataset: 25 domains, 3 name servers, a registrar and 5 contacts. */
export function seededLabData(): {
  domains: LabDomain[];
  nameservers: LabNameserver[];
  entities: LabEntity[];
} {
  const entities: LabEntity[] = [
    {
      handle: "REGISTRAR-LAB",
      fn: "NetOps Lab Registrar",
      org: "NetOps Lab Registrar",
      email: "rdap@registrar.lab.example",
      voice: "tel:+1-555-0100",
      city: "Springfield",
      country: "Lab",
      cc: "ZZ",
      roles: ["registrar"],
      registered: "2020-01-01T00:00:00Z",
      ianaId: "9999",
    },
    ...["Ada Example", "Brook Example", "Casey Example", "Dana Example", "Emery Example"].map(
      (fn, i): LabEntity => ({
        handle: `C${i + 1}-LAB`,
        fn,
        org: i % 2 ? "Example Holdings (lab)" : "Lab Widgets Ltd",
        email: `contact${i + 1}@lab.example`,
        voice: `tel:+1-555-01${String(10 + i)}`,
        city: ["Arden", "Bexley", "Corby", "Dunmore", "Elmira"][i] as string,
        country: "Lab",
        cc: "ZZ",
        roles: ["registrant"],
        registered: day("2021-03-01T00:00:00Z", i * 40),
      }),
    ),
  ];
  const nameservers: LabNameserver[] = [
    { name: "ns1.lab-dns.example", v4: ["192.0.2.53"], v6: ["2001:db8::53"] },
    { name: "ns2.lab-dns.example", v4: ["198.51.100.53"], v6: ["2001:db8:1::53"] },
    { name: "ns.alpha.example", v4: ["203.0.113.10"], v6: [] },
  ].map((n, i) => ({
    ...n,
    handle: `H${i + 1}-LAB`,
    status: ["active"],
    registered: day("2020-06-01T00:00:00Z", i * 30),
    registrar: "REGISTRAR-LAB",
  }));
  // Registration dates are spread out and not in name order, so sorting visibly reorders.
  const domains = LAB_WORDS.map(
    (w, i): LabDomain => ({
      name: `${w}.example`,
      handle: `D${i + 1}-LAB`,
      status: i % 7 === 3 ? ["client transfer prohibited"] : i % 5 === 4 ? ["client hold"] : ["active"],
      registered: day("2021-01-01T00:00:00Z", (i * 97) % 1000),
      lastChanged: day("2024-01-01T00:00:00Z", (i * 13) % 300),
      expires: day("2026-01-01T00:00:00Z", (i * 97) % 1000),
      registrar: "REGISTRAR-LAB",
      registrant: `C${(i % 5) + 1}-LAB`,
      nameservers:
        i === 0
          ? ["ns.alpha.example", "ns1.lab-dns.example"]
          : ["ns1.lab-dns.example", "ns2.lab-dns.example"],
    }),
  );
  return { domains, nameservers, entities };
}

/** LabRdapStore over the seeded dataset. */
export class SeededLabRdapStore implements LabRdapStore {
  private readonly data = seededLabData();
  async listDomains(limit: number) {
    return this.data.domains.slice(0, limit);
  }
  async lookupDomain(name: string) {
    return this.data.domains.find((d) => d.name === name.toLowerCase()) ?? null;
  }
  async listNameservers(limit: number) {
    return this.data.nameservers.slice(0, limit);
  }
  async lookupNameserver(name: string) {
    return this.data.nameservers.find((n) => n.name === name.toLowerCase()) ?? null;
  }
  async listEntities(limit: number) {
    return this.data.entities.slice(0, limit);
  }
  async lookupEntity(handle: string) {
    return this.data.entities.find((e) => e.handle.toUpperCase() === handle.toUpperCase()) ?? null;
  }
}

/**
 * Delegates to one store and can be switched to another: the demo's lab RDAP server has to start
 * before the lab registry (the console is configured with its URL), then serves the registry.
 */
export class SwitchableLabRdapStore implements LabRdapStore {
  constructor(private current: LabRdapStore) {}
  use(store: LabRdapStore): void {
    this.current = store;
  }
  get active(): LabRdapStore {
    return this.current;
  }
  listDomains(limit: number) {
    return this.current.listDomains(limit);
  }
  lookupDomain(name: string) {
    return this.current.lookupDomain(name);
  }
  listNameservers(limit: number) {
    return this.current.listNameservers(limit);
  }
  lookupNameserver(name: string) {
    return this.current.lookupNameserver(name);
  }
  listEntities(limit: number) {
    return this.current.listEntities(limit);
  }
  lookupEntity(handle: string) {
    return this.current.lookupEntity(handle);
  }
}
