// Prisma CLI configuration for the PostgreSQL twin schema, for `generate` and `migrate diff`
// only (neither connects). Migrations are applied by packages/db/src/migrate-pg.ts: the JS schema
// engine cannot migrate PostgreSQL (prisma/orm#27403), and the classic one is a download.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "../.pg-schema",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:1/netops" }),
});
