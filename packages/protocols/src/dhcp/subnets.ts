/**
 * Console-configured subnets and pools (for lease-file sources, which carry no configuration):
 * parsing a pool as Kea writes it or as a person types it, and checking a subnet with its pools.
 * Shared by the API (which enforces it) and the mocks (which answer with the same messages).
 */
import { type Cidr, parseAddress, parseCidr } from "./address";

export interface PoolRange {
  firstAddr: string;
  lastAddr: string;
  lowKey: string;
  highKey: string;
  size: number;
}

const MAX_POOL_SIZE = Number.MAX_SAFE_INTEGER;

/** Parses a Kea pool ("a - b" or "prefix/len") or the console's "first-last"; throws with the reason. */
export function parsePool(text: string): PoolRange {
  const t = text.trim();
  if (t.includes("/")) {
    const c = parseCidr(t);
    if (!c) throw new RangeError(`pool ${JSON.stringify(t)}: not a CIDR prefix`);
    return range(c.lowKey, c.highKey);
  }
  const parts = t.split(/\s*-\s*/);
  if (parts.length !== 2) throw new RangeError(`pool ${JSON.stringify(t)}: expected "first - last"`);
  const a = parseAddress(parts[0] ?? "");
  const b = parseAddress(parts[1] ?? "");
  if (!a || !b) throw new RangeError(`pool ${JSON.stringify(t)}: not two addresses`);
  if (a.family !== b.family) throw new RangeError(`pool ${JSON.stringify(t)}: mixes IPv4 and IPv6`);
  if (a.key > b.key) throw new RangeError(`pool ${JSON.stringify(t)}: first address is after the last`);
  return range(a.key, b.key);
}

function keyText(key: string): string {
  const hex = key.slice(3);
  if (key.startsWith("v4:")) {
    const n = Number.parseInt(hex, 16);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups = hex.match(/.{4}/g) ?? [];
  return parseAddress(groups.join(":"))?.text ?? key;
}

function range(lowKey: string, highKey: string): PoolRange {
  const size = BigInt(`0x${highKey.slice(3)}`) - BigInt(`0x${lowKey.slice(3)}`) + 1n;
  return {
    firstAddr: keyText(lowKey),
    lastAddr: keyText(highKey),
    lowKey,
    highKey,
    size: size > BigInt(MAX_POOL_SIZE) ? MAX_POOL_SIZE : Number(size),
  };
}

/** One problem with a console subnet's input, with its field as zod paths it (`["pools", 2]`). */
export interface SubnetIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Parses a console subnet and its pools and reports every problem with its field, so the router
 * can return them all as input issues and the service refuses the same input when called directly.
 * The prefix must be written with its length and without host bits: "10.0.1.0/16" is more likely a
 * typo for /24 than a way of writing 10.0.0.0/16.
 */
export function checkSubnetInput(
  cidr: string,
  pools: readonly string[],
): { ok: true; cidr: Cidr; ranges: PoolRange[] } | { ok: false; issues: SubnetIssue[] } {
  const issues: SubnetIssue[] = [];
  const text = cidr.trim();
  const slash = text.indexOf("/");
  const c = slash > 0 ? parseCidr(text) : null;
  if (!c) {
    issues.push({
      path: ["cidr"],
      message: `${JSON.stringify(text.slice(0, 64))} is not a CIDR prefix (address/length, e.g. 10.0.0.0/24)`,
    });
  } else if (parseAddress(text.slice(0, slash))?.key !== c.lowKey) {
    issues.push({
      path: ["cidr"],
      message: `${text} has host bits set; the prefix is ${c.network}/${c.prefixLength}`,
    });
  }
  const ranges: { i: number; r: PoolRange }[] = [];
  pools.forEach((p, i) => {
    let r: PoolRange;
    try {
      r = parsePool(p);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      issues.push({ path: ["pools", i], message: e.message });
      return;
    }
    if (c && (r.lowKey.length !== c.lowKey.length || r.lowKey < c.lowKey || r.highKey > c.highKey))
      issues.push({
        path: ["pools", i],
        message: `pool ${r.firstAddr}-${r.lastAddr} is outside ${c.network}/${c.prefixLength}`,
      });
    else ranges.push({ i, r });
  });
  // In address order, a pool starting at or before the furthest end seen so far overlaps that pool.
  const sorted = [...ranges].sort((a, b) =>
    a.r.lowKey < b.r.lowKey ? -1 : a.r.lowKey > b.r.lowKey ? 1 : a.i - b.i,
  );
  let reach: { i: number; r: PoolRange } | undefined;
  for (const x of sorted) {
    if (reach && x.r.lowKey <= reach.r.highKey) {
      const [first, second] = reach.i < x.i ? [reach, x] : [x, reach];
      issues.push({
        path: ["pools", second.i],
        message: `pool ${second.r.firstAddr}-${second.r.lastAddr} overlaps pool ${first.r.firstAddr}-${first.r.lastAddr}`,
      });
    }
    if (!reach || x.r.highKey > reach.r.highKey) reach = x;
  }
  const order = (i: SubnetIssue) => (i.path[0] === "pools" ? Number(i.path[1]) : -1);
  issues.sort((a, b) => order(a) - order(b));
  if (issues.length > 0 || !c) return { ok: false, issues };
  return { ok: true, cidr: c, ranges: ranges.map((x) => x.r) };
}
