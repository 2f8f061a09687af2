/**
 * The lab servers, for the demo (apps/server/src/demo.ts, the only product file that imports this
 * package) and the tests. Each is clearly a lab: loopback only, fresh ports and passwords per start.
 */
export { LAB_LISTEN, startBgpReplay } from "./bgp";
export { dhcpLabDir, startDhcpLab } from "./dhcp";
export { DEMO_ZONE_DIR, startDnsLabs } from "./dns";
export { LAB_CONNECTION_NAME, startEppLab } from "./epp";
export { type DemoRdapLab, labRegistryFile, rdapLabOptions, startRdapLab } from "./rdap";
export { labDatagrams, runLabSender, startRserpoolLab } from "./rserpool";
