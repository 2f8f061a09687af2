/**
 * Conformance findings. Like the ICANN rdap-conformance-tool, each finding has a code and a
 * severity; numeric codes are ICANN's (from its JSON Schemas, e.g. -10610 "link without href"),
 * dotted codes are ours for what ICANN's tool has no code for (jCard, RFC 8977/8982 metadata).
 */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: string;
  severity: Severity;
  /** JSONPath of the offending member, e.g. `$.entities[0].roles[1]`. */
  path: string;
  message: string;
}

export class Findings {
  readonly list: Finding[] = [];
  add(code: string | number, severity: Severity, path: string, message: string): void {
    // Large search results can repeat one problem thousands of times; keep the report bounded.
    if (this.list.length >= MAX_FINDINGS) return;
    this.list.push({ code: String(code), severity, path, message });
  }
  error(code: string | number, path: string, message: string): void {
    this.add(code, "error", path, message);
  }
  warn(code: string | number, path: string, message: string): void {
    this.add(code, "warning", path, message);
  }
}

export const MAX_FINDINGS = 500;

export const member = (path: string, key: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
export const index = (path: string, i: number): string => `${path}[${i}]`;
