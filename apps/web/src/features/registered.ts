/**
 * Each subsystem's pages: one line each, `export { routes as <id> } from "./<id>/routes"`. App.tsx
 * mounts them in the descriptor list's order, and does not compile while one is missing.
 */
export { routes as bgp } from "./bgp/routes";
export { routes as dhcp } from "./dhcp/routes";
export { routes as dns } from "./dns/routes";
export { routes as rdap } from "./rdap/routes";
export { routes as registry } from "./registry/routes";
