/**
 * The registered subsystems: one line each, `export * as <id> from "../features/<id>/module"`.
 * Each module file exports `subsystemModule` and `createService`. Order does not matter here: the
 * descriptor list (packages/protocols/src/console/subsystems.ts) sets the overview order.
 */
export * as bgp from "../features/bgp/module";
export * as dhcp from "../features/dhcp/module";
export * as dns from "../features/dns/module";
export * as rdap from "../features/rdap/module";
export * as registry from "../features/registry/module";
export * as rserpool from "../features/rserpool/module";
