import { describe, expect, it } from "vitest";
import {
  DhcpdLeaseParser,
  DnsmasqLeaseParser,
  dhcpLeaseSchema,
  type IncrementalParser,
  KeaCsvParser,
  leaseParseErrorSchema,
} from "../../src/dhcp";
import { chunks, feed, prng, vector } from "./helpers";

// Bounded, seeded mutation fuzzing: 2,000 inputs per parser, fed in random chunks. Every run is
// reproducible from its seed. Asserts that nothing throws, every item is of a known kind, errors
// and leases validate against the published zod schemas, and no error comes from the parsers'
// internal safety net (which would mean a bug, not bad input).

const ALPHABET = [
  ...'{};"\\#,:./-* \t\n\r0123456789abcdefxyzT',
  "&#x",
  "&#x2c",
  "lease ",
  "never",
  "epoch ",
  "\u00e9",
  "\ud83d\ude00",
];
const RUNS = 2000;

function mutate(base: string, rnd: () => number): string {
  let s = base;
  const ops = 1 + Math.floor(rnd() * 6);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const len = Math.floor(rnd() * 40);
    switch (Math.floor(rnd() * 6)) {
      case 0: // delete a range
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1: // insert random tokens
        s =
          s.slice(0, at) +
          Array.from({ length: 1 + (len % 5) }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join(
            "",
          ) +
          s.slice(at);
        break;
      case 2: // duplicate a range
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      case 3: // truncate
        s = s.slice(0, at);
        break;
      case 4: // replace one character
        s = s.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + s.slice(at + 1);
        break;
      default: // splice in a chunk of the same input elsewhere
        s =
          s.slice(0, at) + s.slice(Math.floor(rnd() * s.length), Math.floor(rnd() * s.length)) + s.slice(at);
    }
  }
  return s;
}

function fuzz(
  name: string,
  make: () => IncrementalParser<{ kind: string }>,
  seeds: string[],
  kinds: string[],
) {
  it(`${name}: ${RUNS} mutated inputs, no exception escapes, all items typed`, () => {
    const rnd = prng(0x5eed + name.length);
    let errors = 0;
    let leases = 0;
    for (let run = 0; run < RUNS; run++) {
      const input = mutate(seeds[run % seeds.length]!, rnd);
      let items: { kind: string }[] = [];
      expect(() => {
        items = feed(make(), chunks(input, run, 64));
      }, `run ${run}`).not.toThrow();
      for (const item of items) {
        expect(kinds).toContain(item.kind);
        if (item.kind === "error") {
          const e = leaseParseErrorSchema.parse(item);
          expect(e.reason.startsWith("internal"), `run ${run}: ${e.reason}`).toBe(false);
          errors++;
        } else if (item.kind === "lease") {
          dhcpLeaseSchema.parse((item as unknown as { lease: unknown }).lease);
          leases++;
        }
      }
    }
    // The mutations must actually exercise both paths.
    expect(errors).toBeGreaterThan(RUNS / 2);
    expect(leases).toBeGreaterThan(RUNS);
  });
}

describe("fuzz", () => {
  fuzz(
    "kea",
    () => new KeaCsvParser(),
    [
      vector("kea/isc-kea/lease4_dump_test.reference.csv"),
      vector("kea/isc-kea/lease6_dump_test.reference.csv"),
      vector("peers/kea-leases4-loopback-head.csv"),
      vector("kea/metal-bmc/kea-leases4.test.csv"),
    ],
    ["lease", "error", "header"],
  );
  fuzz(
    "dhcpd",
    () => new DhcpdLeaseParser(),
    [
      vector("isc-dhcpd/python-isc-dhcp-leases/debian7.leases"),
      vector("isc-dhcpd/python-isc-dhcp-leases/dhcpd6-4.3.3.leases"),
      vector("isc-dhcpd/python-isc-dhcp-leases/options.leases"),
      vector("peers/dhcpd.leases"),
      vector("peers/dhclient.leases"),
    ],
    ["lease", "error", "directive", "host", "client-lease"],
  );
  fuzz(
    "dnsmasq",
    () => new DnsmasqLeaseParser(),
    [
      vector("dnsmasq/shaardie-dnsmasq-ui.dnsmasq.leases"),
      `${vector("peers/dnsmasq.leases")}duid 00:01:00:01:2c:2d:2e:2f:00:11:22:33:44:55\n1700000100 12345 2001:db8::5 v6host 00:03:00:01:aa:bb:cc:dd:ee:ff\n`,
    ],
    ["lease", "error", "directive"],
  );
});
