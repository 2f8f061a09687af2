/** The BGP pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { BgpComposePage } from "./BgpComposePage";
import { BgpEventPage } from "./BgpEventPage";
import { BgpPage } from "./BgpPage";
import { BgpSessionPage } from "./BgpSessionPage";

export const routes = (
  <>
    <Route path="bgp" element={<BgpPage />} />
    <Route path="bgp/events/:id" element={<BgpEventPage />} />
    <Route path="bgp/session" element={<BgpSessionPage />} />
    <Route path="bgp/compose" element={<BgpComposePage />} />
  </>
);
