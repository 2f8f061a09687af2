/** The RDAP page, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const RdapPage = lazyPage(() => import("./RdapPage"), "RdapPage");

export const routes = <Route path="rdap" element={<RdapPage />} />;
