/**
 * Console config for RDAP against the lab server: its URL answers for .example in the bootstrap,
 * loopback counts as private and may be plain http, and nothing is refreshed from IANA
 * (bootstrap-refresh.test.ts covers that on loopback). `more` adds lines under `rdap:`.
 */
export function labRdapYaml(labBaseUrl: string, more: string[] = []): string {
  return [
    "rdap:",
    "  bootstrap:",
    "    dns:",
    `      example: ["${labBaseUrl}"]`,
    '  privateHosts: ["127.0.0.1"]',
    '  httpHosts: ["127.0.0.1"]',
    "  bootstrapRefreshHours: 0",
    ...more,
  ].join("\n");
}
