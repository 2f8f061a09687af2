export { dhcpRouter } from "./router";
export { DhcpService, type DhcpServiceOptions } from "./service";
