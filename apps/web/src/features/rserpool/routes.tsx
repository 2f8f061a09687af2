/** The RSerPool page, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

const RserpoolPage = lazyPage(() => import("./RserpoolPage"), "RserpoolPage");

export const routes = <Route path="rserpool" element={<RserpoolPage />} />;
