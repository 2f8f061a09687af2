/** The IANA bootstrap snapshot that ships with the product (provenance in README.md). */
import asn from "./asn.json" with { type: "json" };
import dns from "./dns.json" with { type: "json" };
import ipv4 from "./ipv4.json" with { type: "json" };
import ipv6 from "./ipv6.json" with { type: "json" };
import objectTags from "./object-tags.json" with { type: "json" };
import { type BootstrapRegistry, parseBootstrapRegistry, type RegistryKind } from "../bootstrap";

const FILES: [RegistryKind, unknown][] = [
  ["dns", dns],
  ["ipv4", ipv4],
  ["ipv6", ipv6],
  ["asn", asn],
  ["object-tags", objectTags],
];

/** Parsed snapshot registries; parsing the shipped files goes through the same checks as a refresh. */
export function snapshotRegistries(): BootstrapRegistry[] {
  return FILES.map(([kind, json]) => {
    const r = parseBootstrapRegistry(kind, JSON.stringify(json));
    if (!r.ok) throw new Error(`shipped bootstrap snapshot is broken: ${r.reason}`);
    return r.registry;
  });
}
