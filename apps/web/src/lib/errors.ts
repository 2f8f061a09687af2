/** Reading tRPC errors without depending on the client class (works with MSW-made errors too). */

export interface ErrorInfo {
  /** tRPC error code, e.g. UNAUTHORIZED, FORBIDDEN, BAD_REQUEST; undefined for network errors. */
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
  issues: { path: string; message: string }[];
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  issues?: unknown;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error === null || error === undefined) {
    return { code: undefined, httpStatus: undefined, message: "unknown error", issues: [] };
  }
  const e = error as { message?: unknown; data?: ErrorData | null; shape?: { data?: ErrorData } };
  const data = e.data ?? e.shape?.data ?? undefined;
  const code = typeof data?.code === "string" ? data.code : undefined;
  const httpStatus = typeof data?.httpStatus === "number" ? data.httpStatus : undefined;
  const issues = Array.isArray(data?.issues)
    ? (data.issues as unknown[]).flatMap((i) => {
        const o = i as { path?: unknown; message?: unknown };
        return typeof o?.message === "string" ? [{ path: String(o.path ?? ""), message: o.message }] : [];
      })
    : [];
  let message = typeof e.message === "string" && e.message ? e.message : String(error);
  if (!code && /fetch|network|load failed/i.test(message)) {
    message = `cannot reach the server (${message})`;
  }
  return { code, httpStatus, message, issues };
}

export function isUnauthorized(error: unknown): boolean {
  return errorInfo(error).code === "UNAUTHORIZED";
}

export function isForbidden(error: unknown): boolean {
  return errorInfo(error).code === "FORBIDDEN";
}

const TITLES: Record<string, string> = {
  UNAUTHORIZED: "Not logged in",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  BAD_REQUEST: "Invalid input",
  CONFLICT: "Conflict",
  TOO_MANY_REQUESTS: "Too many requests",
  INTERNAL_SERVER_ERROR: "Server error",
  TIMEOUT: "Timed out",
};

/** A short heading for an error, by its code. */
export function errorTitle(error: unknown): string {
  const { code } = errorInfo(error);
  if (!code) return "Request failed";
  return TITLES[code] ?? code;
}
