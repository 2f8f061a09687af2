/** The DNS zone pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { DnsZonesPage } from "./DnsZonesPage";
import { ZoneDetailPage } from "./ZoneDetailPage";

export const routes = (
  <>
    <Route path="dns" element={<DnsZonesPage />} />
    <Route path="dns/:id" element={<ZoneDetailPage />} />
  </>
);
