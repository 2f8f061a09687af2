/** The RDAP page, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { RdapPage } from "./RdapPage";

export const routes = <Route path="rdap" element={<RdapPage />} />;
