/** The DHCP pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { DhcpPage } from "./DhcpPage";
import { LeaseDetailPage } from "./LeaseDetailPage";

export const routes = (
  <>
    <Route path="dhcp" element={<DhcpPage />} />
    <Route path="dhcp/leases/:id" element={<LeaseDetailPage />} />
  </>
);
