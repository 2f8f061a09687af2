/** The DNS zone pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const DnsZonesPage = lazyPage(() => import("./DnsZonesPage"), "DnsZonesPage");
const ZoneDetailPage = lazyPage(() => import("./ZoneDetailPage"), "ZoneDetailPage");

export const routes = (
  <>
    <Route path="dns" element={<DnsZonesPage />} />
    <Route path="dns/:id" element={<ZoneDetailPage />} />
  </>
);
