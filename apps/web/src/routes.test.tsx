/**
 * The subsystem routes App.tsx mounts from features/<id>/routes.tsx (found by features/subsystem-routes.ts): every page path the console
 * had when App.tsx listed them by hand still leads to the same page.
 */
import { FEATURE_SUBSYSTEMS } from "@netops/protocols";
import type { ReactNode } from "react";
import { createRoutesFromChildren, matchRoutes } from "react-router";
import { describe, expect, it } from "vitest";
import { subsystemRoutes } from "./App";
import { featureRoutes } from "./features/subsystem-routes";
import { BgpComposePage } from "./features/bgp/BgpComposePage";
import { BgpEventPage } from "./features/bgp/BgpEventPage";
import { BgpPage } from "./features/bgp/BgpPage";
import { BgpSessionPage } from "./features/bgp/BgpSessionPage";
import { DhcpPage } from "./features/dhcp/DhcpPage";
import { LeaseDetailPage } from "./features/dhcp/LeaseDetailPage";
import { DnsZonesPage } from "./features/dns/DnsZonesPage";
import { ZoneDetailPage } from "./features/dns/ZoneDetailPage";
import { RdapPage } from "./features/rdap/RdapPage";
import { HostDetailPage } from "./features/registry/HostDetailPage";
import { RegistryConnectionsPage } from "./features/registry/RegistryConnectionsPage";
import { RegistryDomainsPage } from "./features/registry/RegistryDomainsPage";
import { RegistryHostsPage } from "./features/registry/RegistryHostsPage";
import { RegistryPollPage } from "./features/registry/RegistryPollPage";
import { RegistryTranscriptPage } from "./features/registry/RegistryTranscriptPage";
import { RserpoolPage } from "./features/rserpool/RserpoolPage";

const routes = createRoutesFromChildren(subsystemRoutes());

/**
 * The name of the page a path leads to (relative to the shell, as App.tsx mounts these routes): pages
 * are loaded lazily (shell/lazyPage.tsx), so the element is a stand-in named after the page.
 */
function pageAt(path: string): string | undefined {
  const matches = matchRoutes(routes, path);
  const el = matches?.at(-1)?.route.element as { type?: { displayName?: string } } | undefined;
  return el?.type?.displayName;
}

describe("subsystem routes", () => {
  it.each([
    ["/registry", RegistryHostsPage],
    ["/registry/hosts/c1/ns1.example.test", HostDetailPage],
    ["/registry/domains", RegistryDomainsPage],
    ["/registry/poll", RegistryPollPage],
    ["/registry/transcript", RegistryTranscriptPage],
    ["/registry/connections", RegistryConnectionsPage],
    ["/rdap", RdapPage],
    ["/dns", DnsZonesPage],
    ["/dns/7", ZoneDetailPage],
    ["/dhcp", DhcpPage],
    ["/dhcp/leases/3", LeaseDetailPage],
    ["/bgp", BgpPage],
    ["/bgp/events/5", BgpEventPage],
    ["/bgp/session", BgpSessionPage],
    ["/bgp/compose", BgpComposePage],
    ["/rserpool", RserpoolPage],
  ])("%s", (path, page) => {
    expect(pageAt(path)).toBe(page.name);
  });

  it("mount nothing else", () => {
    expect(routes.map((r) => r.path)).toHaveLength(16);
    expect(pageAt("/registry/nope")).toBeUndefined();
  });
});

describe("featureRoutes", () => {
  it("finds a routes file for every described subsystem", () => {
    expect(Object.keys(featureRoutes())).toEqual(FEATURE_SUBSYSTEMS.map((s) => s.id));
  });

  it("names the file a described subsystem lacks", () => {
    const all = import.meta.glob<ReactNode>("./features/*/routes.tsx", { eager: true, import: "routes" });
    const files = Object.fromEntries(
      Object.entries(all)
        .map(([k, v]) => [k.replace("./features/", "./"), v] as const)
        .filter(([k]) => k !== "./bgp/routes.tsx"),
    );
    expect(Object.keys(files).length).toBe(Object.keys(all).length - 1);
    expect(() => featureRoutes(files)).toThrow("apps/web/src/features/bgp/routes.tsx must export routes");
  });
});
