/** The search page, the timeline and the entity pages, mounted under the shell by App.tsx. */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const EntityRoutePage = lazyPage(() => import("../entity/EntityPage"), "EntityRoutePage");
const TimelinePage = lazyPage(() => import("../timeline/TimelinePage"), "TimelinePage");
const SearchPage = lazyPage(() => import("./SearchPage"), "SearchPage");

export const searchRoutes = (
  <>
    <Route path="search" element={<SearchPage />} />
    <Route path="timeline" element={<TimelinePage />} />
    <Route path="ip/:value" element={<EntityRoutePage />} />
    {/* A prefix's length follows a slash: /prefix/198.18.0.0/15. */}
    <Route path="prefix/*" element={<EntityRoutePage />} />
    <Route path="mac/:value" element={<EntityRoutePage />} />
    <Route path="name/:value" element={<EntityRoutePage />} />
    <Route path="as/:value" element={<EntityRoutePage />} />
  </>
);
