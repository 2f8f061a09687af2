// @netops/protocols/bgp: pure BGP shutdown-communication tooling (no I/O).
export * from "./result";
export { toHex, fromHex } from "./bytes";
export * from "./codes";
export * from "./header";
export * from "./shutdown";
export * from "./notification";
export * from "./open";
export * from "./bmp";
export * from "./bmp-reader";
export * from "./tickets";
export * from "./logs/index";
export * from "./syslog-message";
export * from "./event-time";
export * from "./filters";
