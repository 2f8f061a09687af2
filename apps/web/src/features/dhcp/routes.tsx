/** The DHCP pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const DhcpPage = lazyPage(() => import("./DhcpPage"), "DhcpPage");
const LeaseDetailPage = lazyPage(() => import("./LeaseDetailPage"), "LeaseDetailPage");

export const routes = (
  <>
    <Route path="dhcp" element={<DhcpPage />} />
    <Route path="dhcp/leases/:id" element={<LeaseDetailPage />} />
  </>
);
