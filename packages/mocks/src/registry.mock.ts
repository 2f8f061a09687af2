/**
 * Mock registry (EPP) resolvers. Host changes follow the RFC 5732 rules and every refusal (2201,
 * 2302, 2303, 2304, 2305) comes from the same registry rules the LAB registry enforces
 * (@netops/protocols/epp registry-rules), worded as the registry words it.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from "@netops/api";
import {
  checkHostCreate,
  domainDeleteRefusal,
  hostDeleteRefusal,
  hostUnderForeignDomain,
  isRoutineExchange,
  nameServerMissing,
  objectExists,
  type Refusal,
  resultCodeInfo,
  sponsorOnly,
  superordinateDomain,
  transferAnswerRefusal,
} from "@netops/protocols/epp";
import {
  emptyRegistryData,
  type RegistryMockData,
  registryConnectionFixture,
  registryHostFixture,
  registrySampleData,
  type RegistryTransferFixture,
  registryTile,
} from "./registry-fixtures";
import { likeContains, pageOfSorted } from "@netops/protocols";
import { fixtureTime } from "./fixtures";
import type { MockSubsystem } from "./subsystem";
import { mockError, type TrpcResolvers } from "./trpc-msw";

export * from "./registry-fixtures";

type RegistryPaths = `registry.${keyof RouterOutputs["registry"]}`;
type Outcome = RouterOutputs["registry"]["deleteHost"]["outcome"];

function mockOutcome(code: number, message: string, linkedDomains: readonly string[] = []): Outcome {
  const info = resultCodeInfo(code);
  return {
    ok: code < 2000,
    code,
    meaning: info?.meaning ?? "",
    explanation: info?.explanation ?? "",
    message,
    clTRID: `NETOPS-mock-${code}`,
    svTRID: `MOCK-${code}`,
    linkedDomains: [...linkedDomains],
  };
}

/** A registry refusal as the service reports it: the registry's msg is "<meaning>: <reason>". */
function refusedOutcome(r: Refusal, linkedDomains: readonly string[] = []): Outcome {
  return mockOutcome(
    r.code,
    `${resultCodeInfo(r.code)?.meaning ?? "Command failed"}: ${r.reason}`,
    linkedDomains,
  );
}

/** A transfer as the service shows it: who asked, who acts, and which way it goes for `me`. */
const transferView = (t: RegistryTransferFixture, me: string) => ({
  ...t,
  exDate: null,
  awayFromUs: t.actingClient === me && t.requestedBy !== me,
  toUs: t.requestedBy === me,
});

/** The domain fixtures' sponsor as the rules read it (clID). */
const sponsored = (o: { name: string; sponsor: string; statuses: readonly { s: string }[] }) => ({
  name: o.name,
  clID: o.sponsor,
  statuses: o.statuses,
});

export function createRegistryResolvers(
  currentUser: () => { username: string },
  data: RegistryMockData,
  now: () => string = () => fixtureTime(0),
): Pick<TrpcResolvers<AppRouter>, RegistryPaths> {
  const conn = (id: string) => {
    const c = data.connections.find((x) => x.id === id);
    if (!c) throw mockError("NOT_FOUND", `no registry connection with id ${id}`);
    return c;
  };
  const domain = (name: string) => {
    const d = data.domains.find((x) => x.name === name.toLowerCase());
    if (!d) throw mockError("NOT_FOUND", `no domain ${name}`);
    return d;
  };
  /** Hosts' linked domains and `linked` status follow the domains' name servers (as at a registry). */
  const relink = () => {
    for (const h of data.hosts) {
      h.linkedDomains = data.domains.filter((d) => d.nameServers.includes(h.name)).map((d) => d.name);
      const rest = h.statuses.filter((x) => x.s !== "linked" && x.s !== "ok");
      const linked = h.linkedDomains.length > 0 ? [{ s: "linked" as const }] : [];
      h.statuses = rest.length + linked.length > 0 ? [...linked, ...rest] : [{ s: "ok" }];
    }
  };
  const host = (connectionId: string, name: string) => {
    const h = data.hosts.find((x) => x.connectionId === connectionId && x.name === name.toLowerCase());
    if (!h) throw mockError("NOT_FOUND", `${name} is not in the host cache; refresh it first`);
    return h;
  };
  let nextId = 1000;
  return {
    "registry.connections": () => {
      return data.connections;
    },
    "registry.connection": (input: RouterInputs["registry"]["connection"]) => {
      return conn(input.id);
    },
    "registry.createConnection": (input: RouterInputs["registry"]["createConnection"]) => {
      if (data.connections.some((c) => c.name === input.name))
        throw mockError("CONFLICT", `name: a connection named ${input.name} exists already`);
      const c = registryConnectionFixture({
        id: `mock-conn-${nextId++}`,
        name: input.name,
        host: input.host,
        port: input.port ?? 700,
        clientId: input.clientId,
        zones: input.zones,
        state: "disconnected",
        greeting: null,
        sessions: [],
        unackedMessages: 0,
      });
      data.connections.push(c);
      return c;
    },
    "registry.updateConnection": (input: RouterInputs["registry"]["updateConnection"]) => {
      const c = conn(input.id);
      Object.assign(c, {
        ...(input.host !== undefined && { host: input.host }),
        ...(input.port !== undefined && { port: input.port }),
        ...(input.enabled !== undefined && {
          enabled: input.enabled,
          state: input.enabled ? c.state : "disabled",
        }),
        ...(input.zones !== undefined && { zones: input.zones }),
        updatedAt: now(),
      });
      return c;
    },
    "registry.removeConnection": (input: RouterInputs["registry"]["removeConnection"]) => {
      conn(input.id);
      data.connections = data.connections.filter((c) => c.id !== input.id);
      return { ok: true };
    },
    "registry.reconnect": (input: RouterInputs["registry"]["reconnect"]) => {
      const c = conn(input.id);
      c.state = "connected";
      return c;
    },
    "registry.hosts": (input: RouterInputs["registry"]["hosts"]) => {
      return data.hosts.filter(
        (h) =>
          (!input?.connectionId || h.connectionId === input.connectionId) &&
          (!input?.q || h.name.includes(input.q.toLowerCase())) &&
          (!input?.sponsoredOnly || h.sponsoredByUs),
      );
    },
    "registry.host": (input: RouterInputs["registry"]["host"]) => {
      const h = host(input.connectionId, input.name);
      return { host: h, history: data.transcript.filter((t) => t.object === h.name) };
    },
    "registry.refreshHost": (input: RouterInputs["registry"]["refreshHost"]) => {
      const h = data.hosts.find((x) => x.name === input.name.toLowerCase());
      if (!h) return mockOutcome(2303, `no host ${input.name}`);
      h.refreshedAt = now();
      return mockOutcome(1000, "Command completed successfully");
    },
    "registry.createHost": (input: RouterInputs["registry"]["createHost"]) => {
      const c = conn(input.connectionId);
      const name = input.name.toLowerCase();
      const addrs = input.addrs ?? [];
      const issues = checkHostCreate({ name, addrs }, { zones: c.zones }).filter(
        (i) => i.severity === "error",
      );
      if (issues.length > 0)
        throw mockError(
          "BAD_REQUEST",
          issues.map((i) => `${i.field === "addr" ? "addrs" : i.field}: ${i.reason}`).join("; "),
        );
      if (data.hosts.some((h) => h.name === name))
        return { outcome: refusedOutcome(objectExists("host", name)), host: null };
      const sup = superordinateDomain(name, c.zones);
      const parent = data.domains.find((d) => d.name === sup);
      const foreign = hostUnderForeignDomain(name, parent && sponsored(parent), c.clientId);
      if (foreign) return { outcome: refusedOutcome(foreign), host: null };
      const h = registryHostFixture({
        connectionId: c.id,
        name,
        roid: `H${nextId++}-MOCK`,
        addrs,
        statuses: [{ s: "ok" }],
        crDate: now(),
        refreshedAt: now(),
        superordinate: name.split(".").slice(-2).join("."),
      });
      data.hosts.push(h);
      return { outcome: mockOutcome(1000, "Command completed successfully"), host: h };
    },
    "registry.updateHost": (input: RouterInputs["registry"]["updateHost"]) => {
      const h = host(input.connectionId, input.name);
      const before = { ...h };
      const rem = new Set((input.rem?.addrs ?? []).map((a) => a.address));
      h.addrs = [...h.addrs.filter((a) => !rem.has(a.address)), ...(input.add?.addrs ?? [])];
      const remS = new Set((input.rem?.statuses ?? []).map((s) => s.s));
      h.statuses = [...h.statuses.filter((s) => !remS.has(s.s as never)), ...(input.add?.statuses ?? [])];
      if (input.newName) h.name = input.newName.toLowerCase();
      h.upDate = now();
      return { outcome: mockOutcome(1000, "Command completed successfully"), before, after: h };
    },
    "registry.deleteHost": (input: RouterInputs["registry"]["deleteHost"]) => {
      const h = host(input.connectionId, input.name);
      const denied = hostDeleteRefusal(sponsored(h), conn(input.connectionId).clientId, h.linkedDomains);
      if (denied)
        return { outcome: refusedOutcome(denied, denied.code === 2305 ? h.linkedDomains : []), before: h };
      data.hosts = data.hosts.filter((x) => x !== h);
      return { outcome: mockOutcome(1000, "Command completed successfully"), before: h };
    },
    "registry.lookupDomain": (input: RouterInputs["registry"]["lookupDomain"]) => {
      const d = data.domains.find((x) => x.name === input.name.toLowerCase());
      if (!d) return { outcome: mockOutcome(2303, `no domain ${input.name}`), domain: null };
      const c = conn(input.connectionId);
      return {
        outcome: mockOutcome(1000, "Command completed successfully"),
        domain: {
          name: d.name,
          roid: "D1-MOCK",
          sponsor: d.sponsor,
          sponsoredByUs: d.sponsor === c.clientId,
          // A pending transfer shows as the registry shows it (RFC 5731 pendingTransfer).
          statuses: (data.transfers.some((t) => t.name === d.name && t.status === "pending")
            ? [...d.statuses.filter((x) => x.s !== "ok"), { s: "pendingTransfer" }]
            : d.statuses) as never,
          registrant: "mock-contact",
          contacts: [{ type: "admin", id: "mock-contact" }],
          nameServers: d.nameServers,
          subordinates: d.subordinates,
          crDate: fixtureTime(-9000),
          upDate: null,
          exDate: d.exDate,
          trDate: null,
          secDns: null,
        },
      };
    },
    "registry.createDomain": (input: RouterInputs["registry"]["createDomain"]) => {
      const c = conn(input.connectionId);
      const name = input.name.toLowerCase();
      if (data.domains.some((d) => d.name === name))
        return { outcome: refusedOutcome(objectExists("domain", name)), domain: null };
      const missing = (input.nameServers ?? []).find((n) => !data.hosts.some((h) => h.name === n));
      if (missing) return { outcome: refusedOutcome(nameServerMissing(missing)), domain: null };
      data.domains.push({
        connectionId: c.id,
        name,
        sponsor: c.clientId,
        nameServers: input.nameServers ?? [],
        subordinates: [],
        statuses: [{ s: "ok" }],
        exDate: fixtureTime(365 * 24 * 60 * (input.years ?? 1)),
        gone: false,
        refreshedAt: now(),
      });
      relink();
      return { outcome: mockOutcome(1000, "Command completed successfully"), domain: null };
    },
    "registry.updateDomain": (input: RouterInputs["registry"]["updateDomain"]) => {
      const d = domain(input.name);
      const before = { ...d, nameServers: [...d.nameServers], statuses: [...d.statuses] };
      const notOurs = sponsorOnly(sponsored(d), conn(input.connectionId).clientId, "change");
      if (notOurs) return { outcome: refusedOutcome(notOurs), before, after: before };
      const add = input.add?.nameServers ?? [];
      const missing = add.find((n) => !data.hosts.some((h) => h.name === n));
      if (missing) return { outcome: refusedOutcome(nameServerMissing(missing)), before, after: before };
      const rem = new Set(input.rem?.nameServers ?? []);
      d.nameServers = [
        ...d.nameServers.filter((n) => !rem.has(n)),
        ...add.filter((n) => !d.nameServers.includes(n)),
      ];
      const remS = new Set<string>(input.rem?.statuses ?? []);
      d.statuses = [
        ...d.statuses.filter((x) => !remS.has(x.s)),
        ...(input.add?.statuses ?? []).map((x) => ({ s: x })),
      ] as typeof d.statuses;
      relink();
      return { outcome: mockOutcome(1000, "Command completed successfully"), before, after: d };
    },
    "registry.renewDomain": (input: RouterInputs["registry"]["renewDomain"]) => {
      const d = domain(input.name);
      const ex = new Date(d.exDate ?? now());
      ex.setUTCFullYear(ex.getUTCFullYear() + (input.years ?? 1));
      d.exDate = ex.toISOString();
      return { outcome: mockOutcome(1000, "Command completed successfully"), exDate: d.exDate };
    },
    "registry.deleteDomain": (input: RouterInputs["registry"]["deleteDomain"]) => {
      const d = domain(input.name);
      const before = { ...d, exDate: d.exDate };
      const subs = data.hosts.filter((h) => h.name.endsWith(`.${d.name}`)).map((h) => h.name);
      const denied = domainDeleteRefusal(sponsored(d), conn(input.connectionId).clientId, subs);
      if (denied) return { outcome: refusedOutcome(denied), before };
      data.domains = data.domains.filter((x) => x !== d);
      relink();
      return { outcome: mockOutcome(1000, "Command completed successfully"), before };
    },
    "registry.transferQuery": (input: RouterInputs["registry"]["transferQuery"]) => {
      const d = domain(input.name);
      const t = data.transfers.find((x) => x.name === d.name);
      if (!t) return { outcome: mockOutcome(2301, `${d.name} has no transfer history`), transfer: null };
      return {
        outcome: mockOutcome(1000, "Command completed successfully"),
        transfer: transferView(t, conn(input.connectionId).clientId),
      };
    },
    "registry.answerTransfer": (input: RouterInputs["registry"]["answerTransfer"]) => {
      const d = domain(input.name);
      const me = conn(input.connectionId).clientId;
      const t = data.transfers.find((x) => x.name === d.name);
      const pending = t?.status === "pending" ? { reID: t.requestedBy } : null;
      const denied = transferAnswerRefusal({ name: d.name, clID: d.sponsor }, pending, me, input.op);
      if (denied || !t)
        return {
          outcome: refusedOutcome(denied ?? { code: 2301, reason: `no transfer of ${d.name} is pending` }),
          transfer: t ? transferView(t, me) : null,
        };
      t.status = (
        { approve: "clientApproved", reject: "clientRejected", cancel: "clientCancelled" } as const
      )[input.op];
      t.actBy = now();
      if (input.op === "approve") d.sponsor = t.requestedBy;
      return {
        outcome: mockOutcome(1000, "Command completed successfully"),
        transfer: transferView(t, me),
      };
    },
    "registry.contact": (input: RouterInputs["registry"]["contact"]) => {
      const c = conn(input.connectionId);
      if (input.id !== "mock-contact")
        return { outcome: mockOutcome(2303, `no contact ${input.id}`), contact: null };
      return {
        outcome: mockOutcome(1000, "Command completed successfully"),
        contact: {
          id: "mock-contact",
          roid: "C1-MOCK",
          statuses: [{ s: "linked" as const }],
          postalInfo: [
            {
              type: "int" as const,
              name: "Mock Hostmaster",
              street: ["1 Example Street"],
              city: "Exampletown",
              cc: "ZZ",
            },
          ],
          email: "hostmaster@mock.example",
          voice: null,
          fax: null,
          sponsor: c.clientId,
          sponsoredByUs: true,
          crDate: fixtureTime(-9000),
          upDate: null,
        },
      };
    },
    "registry.contactCheck": (input: RouterInputs["registry"]["contactCheck"]) => {
      conn(input.connectionId);
      return {
        outcome: mockOutcome(1000, "Command completed successfully"),
        items: input.ids.map((id) =>
          id === "mock-contact" ? { id, avail: false, reason: "In use" } : { id, avail: true, reason: null },
        ),
      };
    },
    "registry.domains": (input: RouterInputs["registry"]["domains"]) => {
      return data.domains.filter((d) => !input?.connectionId || d.connectionId === input.connectionId);
    },
    "registry.pollMessages": (input: RouterInputs["registry"]["pollMessages"]) => {
      return data.poll.filter(
        (m) =>
          (!input?.connectionId || m.connectionId === input.connectionId) &&
          (input?.includeAcked || !m.ackedAt),
      );
    },
    "registry.pollMessage": (input: RouterInputs["registry"]["pollMessage"]) => {
      const m = data.poll.find((x) => x.id === input.id);
      if (!m) throw mockError("NOT_FOUND", `no poll message ${input.id}`);
      return m;
    },
    "registry.ackPoll": (input: RouterInputs["registry"]["ackPoll"]) => {
      const user = currentUser();
      const m = data.poll.find((x) => x.id === input.id);
      if (!m) throw mockError("NOT_FOUND", `no poll message ${input.id}`);
      if (m.ackedAt)
        throw mockError("CONFLICT", `message ${m.msgId} was acknowledged by ${m.ackedBy ?? "?"}`);
      const ackedAt = now();
      m.ackedAt = ackedAt;
      m.ackedBy = user.username;
      return { message: { id: m.id, msgId: m.msgId, text: m.text, ackedAt, ackedBy: user.username } };
    },
    "registry.pollNow": (input: RouterInputs["registry"]["pollNow"]) => {
      conn(input.connectionId);
      // The mock queue is already drained into the console's list.
      return { read: 0, newMessages: 0, remaining: 0 };
    },
    "registry.transcript": (input: RouterInputs["registry"]["transcript"]) => {
      // The service's filters (text as SQLite's contains finds it) and keyset on id, newest first.
      const rows = [...data.transcript]
        .sort((a, b) => b.id - a.id)
        .filter(
          (t) =>
            (!input.connectionId || t.connectionId === input.connectionId) &&
            (!input.object || t.object === input.object) &&
            (!input.command || t.command === input.command) &&
            (input.code === undefined || t.code === input.code) &&
            (!input.trid || t.clTRID === input.trid || t.svTRID === input.trid) &&
            (!input.q ||
              [t.requestXml, t.responseXml, t.message, t.error].some((x) =>
                likeContains(x, input.q ?? ""),
              )) &&
            (!input.failedOnly || (t.code ?? 0) >= 2000 || t.error !== null) &&
            (input.includeRoutine || !isRoutineExchange(t)),
        );
      const cursor = input.cursor;
      return pageOfSorted(rows, input.limit ?? 50, cursor ? (t) => t.id < cursor : null, (t) => t.id);
    },
  };
}

/** The registry mock: sample connections, hosts and domains (none in the empty console). */
export const mockSubsystem: MockSubsystem<"registry"> = ({ b, empty }) => {
  const data = empty ? emptyRegistryData() : registrySampleData();
  return { resolvers: createRegistryResolvers(b.user, data, b.iso), tile: () => registryTile(data) };
};
