/** The BGP pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const BgpComposePage = lazyPage(() => import("./BgpComposePage"), "BgpComposePage");
const BgpEventPage = lazyPage(() => import("./BgpEventPage"), "BgpEventPage");
const BgpPage = lazyPage(() => import("./BgpPage"), "BgpPage");
const BgpSessionPage = lazyPage(() => import("./BgpSessionPage"), "BgpSessionPage");

export const routes = (
  <>
    <Route path="bgp" element={<BgpPage />} />
    <Route path="bgp/events/:id" element={<BgpEventPage />} />
    <Route path="bgp/session" element={<BgpSessionPage />} />
    <Route path="bgp/compose" element={<BgpComposePage />} />
  </>
);
