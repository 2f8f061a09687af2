// Prisma CLI configuration: the WASM schema engine driven through the better-sqlite3
// adapter, so no native engine is ever downloaded (see README, "Database").
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  // One .prisma file per subsystem in prisma/schema/; migrations stay in prisma/migrations/.
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/netops.db" }),
});
