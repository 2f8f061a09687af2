import { describe, expect, it } from "vitest";
import { groupUtilization } from "../../src/dhcp";

const pool = (sourceName: string, subnet: string | null, size: number, assigned: number, declined = 0) => ({
  sourceName,
  lab: false,
  subnet,
  size,
  assigned,
  declined,
});

describe("groupUtilization", () => {
  it("sums pools per source and group, leaves out ungrouped pools, worst first", () => {
    const g = groupUtilization(
      [
        pool("kea", "10.0.0.0/24", 100, 50, 2),
        pool("kea", "10.0.0.0/24", 100, 40, 1),
        pool("dhcpd", "10.0.0.0/24", 10, 9),
        pool("kea", null, 50, 50),
        pool("kea", "10.0.9.0/24", 0, 0),
      ],
      (p) => p.subnet,
    );
    expect(g.map((x) => [x.key, x.size, x.assigned, x.declined, x.pct])).toEqual([
      ["dhcpd 10.0.0.0/24", 10, 9, 0, 90],
      ["kea 10.0.0.0/24", 200, 90, 3, 45],
      ["kea 10.0.9.0/24", 0, 0, 0, 0],
    ]);
  });
});
