export * from "./address";
export * from "./dhcpd";
export * from "./dnsmasq";
export * from "./errors";
export * from "./hwaddr";
export * from "./kea";
export { DEFAULT_MAX_LINE_LENGTH } from "./lines";
export * from "./model";
export * from "./stream";
