// The hot-path SQL connection lives in src/sql.ts (BGP ingest uses it too); DHCP's modules import it from here.
export * from "../../sql";
