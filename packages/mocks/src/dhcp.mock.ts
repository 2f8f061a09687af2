/**
 * Mock DHCP resolvers over the fixtures of dhcp-fixtures.ts, with the server's lease filter, page
 * schema and keyset order (@netops/protocols), and the router's validation messages.
 */
import type { AppRouter, RouterInputs } from "@netops/api";
import {
  afterKeyId,
  decodeKeyIdCursor,
  encodeKeyIdCursor,
  pageOfSorted,
  type Role,
  toInputIssues,
} from "@netops/protocols";
import {
  checkSubnetInput,
  cidrRange,
  dhcpHealth,
  effectiveState,
  groupUtilization,
  isInsideFolder,
  LEASE_CSV_HEADER,
  leaseCsvLine,
  leaseLocationShapeProblem,
  leaseMatches,
  leasePageSchema,
  outsideLeaseDirsMessage,
  parseAddress,
  sourceForRole,
} from "@netops/protocols/dhcp";
import {
  type DhcpLeaseFixture,
  type DhcpMockData,
  type DhcpPoolFixture,
  dhcpPoolFixture,
  dhcpSampleData,
  dhcpSourceFixture,
  MOCK_LEASE_DIRS,
} from "./dhcp-fixtures";
import { FIXTURE_BASE_TIME, fixtureTime } from "./fixtures";
import { invalid } from "./errors";
import type { MockSubsystem } from "./subsystem";
import { mockError, type TrpcResolvers } from "./trpc-msw";

export * from "./dhcp-fixtures";

type DhcpPaths = Extract<keyof TrpcResolvers<AppRouter>, `dhcp.${string}`>;

/**
 * One page of leases as the server's leasePage finds it: the input checked by the same schema, the
 * same filter rules (leaseMatches: MAC prefixes in any notation, hostname case and spaces) and the
 * same keyset on (address key, id).
 */
/**
 * A lease as the server sends it at `now`: its state "now" derived from `state` and `ends` by the
 * server's rule (a bound lease past its end is expired), never a value the fixture sets.
 */
export function leaseAt(l: DhcpLeaseFixture, now: Date): DhcpLeaseFixture {
  const ends = l.ends === null ? null : Date.parse(l.ends) / 1000;
  return { ...l, effectiveState: effectiveState({ state: l.state, ends }, now.getTime() / 1000) };
}

function page(data: DhcpMockData, raw: RouterInputs["dhcp"]["leases"], now: Date, limit?: number) {
  const parsed = leasePageSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  const cursor = input.cursor ? decodeKeyIdCursor(input.cursor) : null;
  // The server's order: address key, then id.
  const rows = data.leases
    .map((l) => leaseAt(l, now))
    .filter((l) => leaseMatches(l, input))
    .sort((a, b) => (a.addressKey < b.addressKey ? -1 : a.addressKey > b.addressKey ? 1 : a.id - b.id));
  return pageOfSorted(
    rows,
    limit ?? input.limit,
    cursor && ((l: DhcpLeaseFixture) => afterKeyId(cursor, l.addressKey, l.id)),
    (l) => encodeKeyIdCursor({ key: l.addressKey, id: l.id }),
  );
}

/** A refusal shaped like the API's for invalid input (BAD_REQUEST with the issue's path). */
function badInput(path: string, message: string) {
  return mockError("BAD_REQUEST", "Input validation failed", {
    issues: toInputIssues([{ path: [path], message, code: "custom" }]),
  });
}

/** Resolvers with the router's roles, filtering and keyset paging like the real service. */
export function createDhcpResolvers(
  currentUser: () => { role: Role },
  data: DhcpMockData,
  now: () => Date = () => new Date(FIXTURE_BASE_TIME),
): Pick<TrpcResolvers<AppRouter>, DhcpPaths> {
  const group = (nameOf: (p: DhcpPoolFixture) => string | null) => groupUtilization(data.pools, nameOf);
  const resolvers: Pick<TrpcResolvers<AppRouter>, DhcpPaths> = {
    "dhcp.overview": () => {
      const user = currentUser();
      return {
        generatedAt: FIXTURE_BASE_TIME,
        // The same rule as the service: rejected records are listed to admins only.
        sources: data.sources.map((s) => sourceForRole(user.role, s)),
        pools: [...data.pools].sort((a, b) => b.pct - a.pct),
        subnets: group((p) => p.subnet),
        sharedNetworks: group((p) => p.sharedNetwork),
      };
    },
    "dhcp.leases": (input) => {
      return page(data, input, now());
    },
    "dhcp.lease": (input) => {
      const found = data.leases.find((x) => x.id === input.id);
      if (!found) throw mockError("NOT_FOUND", `no lease ${input.id}`);
      const l = leaseAt(found, now());
      const ev = (kind: string, minutes: number) => ({
        id: l.id * 10 + minutes,
        sourceId: l.sourceId,
        address: l.address,
        hwAddress: l.hwAddress,
        clientId: l.clientId,
        hostname: l.hostname,
        state: l.state,
        ends: l.ends,
        kind,
        at: fixtureTime(-minutes),
        sourceName: l.sourceName,
      });
      return {
        lease: l,
        reservation: null,
        addressHistory: [ev("renewed", 5), ev("new", 65)],
        clientHistory: [ev("renewed", 5), ev("new", 65)],
        clientLeases: data.leases
          .filter((x) => x.hwAddress === l.hwAddress && x.id !== l.id)
          .map((x) => leaseAt(x, now())),
      };
    },
    // The lease page by its natural name: the same detail as dhcp.lease, for the address's first lease.
    "dhcp.leaseByAddress": async (input, ctx) => {
      const a = parseAddress(input.address.trim());
      if (!a) throw badInput("address", `"${input.address}" is not an IP address`);
      const same = data.leases.filter(
        (l) =>
          l.address === a.text && (input.prefixLength === undefined || l.prefixLength === input.prefixLength),
      );
      const first = same[0];
      if (!first) throw mockError("NOT_FOUND", `no lease of ${input.address}`);
      const detail = await resolvers["dhcp.lease"]({ id: first.id }, ctx);
      return {
        ...detail,
        sameAddress: same.map((l) => ({ id: l.id, sourceName: l.sourceName, state: l.state })),
      };
    },
    "dhcp.exportCsv": (input) => {
      const p = page(data, input, now(), 500);
      // The server's CSV lines (lease-csv.ts): the same quoting and formula guard.
      return {
        csv: (input.cursor ? "" : LEASE_CSV_HEADER) + p.items.map((l) => leaseCsvLine(l)).join(""),
        nextCursor: p.nextCursor,
      };
    },
    "dhcp.createSource": (input) => {
      // The router's checks (packages/api/src/features/dhcp/router.ts), with its messages.
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(input.name) || input.name.length > 64)
        throw badInput("name", "letters, digits, '.', '_' and '-'");
      if (
        input.kind === "kea-api" &&
        !/^https?:\/\/[^/\s]+/.test(input.location) &&
        !input.location.startsWith("/")
      )
        throw badInput(
          "location",
          "a Kea Control Agent URL (http:// or https://) or the absolute path of a Kea control socket",
        );
      if (input.kind !== "kea-api") {
        const problem =
          leaseLocationShapeProblem(input.location, MOCK_LEASE_DIRS) ??
          (MOCK_LEASE_DIRS.some((d) => isInsideFolder(d, input.location))
            ? null
            : outsideLeaseDirsMessage(input.location, MOCK_LEASE_DIRS));
        if (problem) throw badInput("location", problem);
      }
      if (data.sources.some((s) => s.name === input.name))
        throw mockError("CONFLICT", `a source named ${input.name} exists`);
      const id = Math.max(0, ...data.sources.map((s) => s.id)) + 1;
      data.sources.push(
        dhcpSourceFixture({
          id,
          name: input.name,
          kind: input.kind,
          location: input.location,
          status: "pending",
          dataAgeSeconds: null,
          lastOkAt: null,
          lastChangeAt: null,
        }),
      );
      return { id };
    },
    "dhcp.setSourceEnabled": (input) => {
      const s = data.sources.find((x) => x.id === input.id);
      if (!s) throw mockError("NOT_FOUND", `no source ${input.id}`);
      s.enabled = input.enabled;
      return { ok: true };
    },
    "dhcp.deleteSource": (input) => {
      const i = data.sources.findIndex((x) => x.id === input.id);
      if (i < 0) throw mockError("NOT_FOUND", `no source ${input.id}`);
      data.sources.splice(i, 1);
      return { ok: true };
    },
    "dhcp.pollNow": (input) => {
      if (!data.sources.some((x) => x.id === input.id)) throw mockError("NOT_FOUND", `no source ${input.id}`);
      return { ok: true, upserted: 0, removed: 0, errors: 0, error: null };
    },
    "dhcp.addSubnet": (input) => {
      const checked = checkSubnetInput(input.cidr, input.pools);
      if (!checked.ok)
        throw mockError("BAD_REQUEST", "Input validation failed", {
          issues: toInputIssues(checked.issues.map((i) => ({ ...i, code: "custom" }))),
        });
      const src = data.sources.find((x) => x.id === input.sourceId);
      if (!src) throw mockError("NOT_FOUND", `no source ${input.sourceId}`);
      if (src.kind === "kea-api")
        throw mockError("BAD_REQUEST", "Kea API sources take their subnets from Kea's configuration");
      const [lo, hi] = cidrRange(input.cidr.trim());
      const cidrText = `${checked.cidr.network}/${checked.cidr.prefixLength}`;
      const clash = data.pools.find((p) => {
        if (p.sourceId !== src.id) return false;
        const [plo, phi] = cidrRange(p.subnet);
        return plo <= hi && lo <= phi;
      });
      if (clash)
        throw mockError(
          "BAD_REQUEST",
          clash.subnet === cidrText
            ? `cidr: ${cidrText} is already configured for this source`
            : `cidr: ${cidrText} overlaps ${clash.subnet}, already configured for this source`,
        );
      const subnetId = Math.max(0, ...data.pools.map((p) => p.subnetId)) + 1;
      let poolId = Math.max(0, ...data.pools.map((p) => p.poolId));
      for (const r of checked.ranges) {
        data.pools.push(
          dhcpPoolFixture({
            poolId: ++poolId,
            sourceId: src.id,
            sourceName: src.name,
            lab: src.lab,
            subnetId,
            subnet: cidrText,
            sharedNetwork: input.sharedNetwork ?? null,
            firstAddr: r.firstAddr,
            lastAddr: r.lastAddr,
            size: r.size,
            assigned: 0,
            trend: [],
          }),
        );
      }
      return { id: subnetId };
    },
    "dhcp.removeSubnet": (input) => {
      const pools = data.pools.filter((p) => p.subnetId === input.id);
      const first = pools[0];
      if (!first) throw mockError("NOT_FOUND", `no subnet ${input.id}`);
      const src = data.sources.find((x) => x.id === first.sourceId);
      if (src?.kind === "kea-api")
        throw mockError(
          "BAD_REQUEST",
          `subnet ${first.subnet} of ${src.name} comes from Kea's configuration; change it in Kea`,
        );
      data.pools = data.pools.filter((p) => p.subnetId !== input.id);
      return { ok: true };
    },
    "dhcp.setPoolThresholds": (input) => {
      const p = data.pools.find((x) => x.poolId === input.poolId);
      if (!p) throw mockError("NOT_FOUND", `no pool ${input.poolId}`);
      for (const k of ["warnPct", "critPct"] as const) {
        const v = input[k];
        if (v !== null && (!Number.isInteger(v) || v < 1 || v > 100))
          throw badInput(k, "a whole percentage from 1 to 100");
      }
      if (input.warnPct !== null && input.critPct !== null && input.warnPct > input.critPct)
        throw badInput("warnPct", "the warning threshold must not be above the critical one");
      p.warnPct = input.warnPct ?? 80;
      p.critPct = input.critPct ?? 90;
      p.level = p.pct >= p.critPct ? "critical" : p.pct >= p.warnPct ? "warning" : "ok";
      return { ok: true };
    },
  };
  return resolvers;
}

/** The DHCP mock: the given fixtures or the sample ones (none in the empty console). */
export const mockSubsystem: MockSubsystem<"dhcp"> = ({ b, empty, options }) => {
  const data: DhcpMockData =
    options.dhcp ?? (empty ? { sources: [], pools: [], leases: [] } : dhcpSampleData());
  return {
    resolvers: createDhcpResolvers(b.user, data, b.now),
    tile: () =>
      dhcpHealth(
        data.sources.filter((s) => s.enabled).map((s) => s.status),
        data.pools.map((p) => p.level),
      ),
  };
};
