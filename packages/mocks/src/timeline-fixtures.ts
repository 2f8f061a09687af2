/**
 * History the mock timeline shows as events of their own, as the server stores it
 * (DhcpPoolLevelChange, RdapConsistencyChange) and maps it (@netops/protocols timeline-events.ts):
 * the near-exhausted pool 2 of dhcp-fixtures.ts crossing into warning, then critical, and the EPP
 * mock's host and domain whose RDAP objects differ (the findings of rdap.mock.ts).
 */
import {
  type ConsistencyChange,
  consistencyChangeEvent,
  type EntityRef,
  type PoolLevelChange,
  poolLevelEvent,
  type TimelineEvent,
} from "@netops/protocols";
import { entityKeyRange, parseAddress } from "@netops/protocols/dhcp";
import { fixtureTime } from "./fixtures";

const POOL_2 = {
  poolId: 2,
  size: 20,
  firstAddr: "198.51.100.20",
  lastAddr: "198.51.100.39",
  subnet: "198.51.100.0/24",
  source: "example-dhcpd",
};

export function poolLevelChangeFixtures(): PoolLevelChange[] {
  return [
    { id: 1, at: fixtureTime(-95), level: "warning", previous: "ok", pct: 80, assigned: 16, ...POOL_2 },
    { id: 2, at: fixtureTime(-40), level: "critical", previous: "warning", pct: 95, assigned: 19, ...POOL_2 },
  ];
}

export function consistencyChangeFixtures(): ConsistencyChange[] {
  const base = { connectionId: "mock-conn-0001", previous: "consistent" };
  return [
    {
      id: 1,
      at: fixtureTime(-30),
      ...base,
      objectType: "host",
      name: "ns1.shop.example",
      verdict: "address-mismatch",
      message:
        "address-mismatch: addresses differ: EPP 192.0.2.10, 2001:db8::10; RDAP 192.0.2.11, 2001:db8::10",
      addresses: ["192.0.2.10", "2001:db8::10"],
    },
    {
      id: 2,
      at: fixtureTime(-30),
      ...base,
      objectType: "domain",
      name: "shop.example",
      verdict: "expiry-mismatch",
      message: "expiry-mismatch: expiry differs: EPP 2026-06-08T06:00:00.000Z; RDAP 2027-06-08T06:00:00.000Z",
      addresses: [],
    },
  ];
}

/** The fixtures' events an entity filter keeps, as the server's queries select the rows. */
export function historyEvents(
  entity: EntityRef | null,
  present: { dhcp: boolean; registry: boolean } = { dhcp: true, registry: true },
): TimelineEvent[] {
  const range = entity && entityKeyRange(entity);
  const pools = (present.dhcp ? poolLevelChangeFixtures() : []).filter((r) => {
    if (!entity) return true;
    const low = parseAddress(r.firstAddr)?.key ?? "";
    const high = parseAddress(r.lastAddr)?.key ?? "";
    return range !== null && low <= range.high && high >= range.low;
  });
  const changes = (present.registry ? consistencyChangeFixtures() : []).filter(
    (r) =>
      !entity ||
      (entity.type === "name" && entity.value === r.name) ||
      (entity.type === "ip" && r.addresses.includes(entity.value)),
  );
  return [...pools.map(poolLevelEvent), ...changes.map(consistencyChangeEvent)];
}
