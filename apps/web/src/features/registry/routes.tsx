/** The registry's pages, mounted under the shell (found by ../subsystem-routes.ts). */
import { Route } from "react-router";
import { HostDetailPage } from "./HostDetailPage";
import { RegistryConnectionsPage } from "./RegistryConnectionsPage";
import { RegistryDomainsPage } from "./RegistryDomainsPage";
import { RegistryHostsPage } from "./RegistryHostsPage";
import { RegistryPollPage } from "./RegistryPollPage";
import { RegistryTranscriptPage } from "./RegistryTranscriptPage";

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
