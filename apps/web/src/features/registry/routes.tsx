/** The registry's pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { lazyPage } from "../../shell/lazyPage";

// Each page is its own chunk, fetched when its route is first visited.
const HostDetailPage = lazyPage(() => import("./HostDetailPage"), "HostDetailPage");
const RegistryConnectionsPage = lazyPage(
  () => import("./RegistryConnectionsPage"),
  "RegistryConnectionsPage",
);
const RegistryDomainsPage = lazyPage(() => import("./RegistryDomainsPage"), "RegistryDomainsPage");
const RegistryHostsPage = lazyPage(() => import("./RegistryHostsPage"), "RegistryHostsPage");
const RegistryPollPage = lazyPage(() => import("./RegistryPollPage"), "RegistryPollPage");
const RegistryTranscriptPage = lazyPage(() => import("./RegistryTranscriptPage"), "RegistryTranscriptPage");

export const routes = (
  <>
    <Route path="registry" element={<RegistryHostsPage />} />
    <Route path="registry/hosts/:connectionId/:name" element={<HostDetailPage />} />
    <Route path="registry/domains" element={<RegistryDomainsPage />} />
    <Route path="registry/poll" element={<RegistryPollPage />} />
    <Route path="registry/transcript" element={<RegistryTranscriptPage />} />
    <Route path="registry/connections" element={<RegistryConnectionsPage />} />
  </>
);
