/**
 * Each subsystem's mock: one line each, `export { mockSubsystem as <id> } from "./<id>"`. The mock
 * API builds them in the descriptor list's order and does not compile while one is missing.
 */
export { mockSubsystem as bgp } from "./bgp";
export { mockSubsystem as dhcp } from "./dhcp";
export { mockSubsystem as dns } from "./dns";
export { mockSubsystem as rdap } from "./rdap";
export { mockSubsystem as registry } from "./registry";
