export * from "./console/alerts";
export * from "./console/passwords";
export * from "./console/roles";
export * from "./console/secret";
export * from "./console/subsystems";
export * from "./console/api-errors";
