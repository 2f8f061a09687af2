/** Which engine a DATABASE_URL selects: `file:` is the embedded SQLite, `postgres(ql)://` PostgreSQL. */
export type Engine = "sqlite" | "postgres";

export function engineOf(url: string): Engine {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL: expected file:… (SQLite) or postgres://… (PostgreSQL), got "${url.replace(/\/\/[^@/]*@/, "//…@")}"`,
  );
}
