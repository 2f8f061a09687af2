import { z } from "zod";
import { FEATURE_SUBSYSTEMS, type FeatureAlertSource } from "./subsystems";

/** Every stored alert source: each feature subsystem's (from its descriptor), then the console's own. */
export const ALERT_SOURCES = [
  ...FEATURE_SUBSYSTEMS.flatMap((s) => s.alertSources),
  "system",
] as unknown as readonly [FeatureAlertSource | "system", ...(FeatureAlertSource | "system")[]];
export const alertSourceSchema = z.enum(ALERT_SOURCES);
export type AlertSource = z.infer<typeof alertSourceSchema>;

/** Worst first: the order used for sorting and for "at least this severity" routing. */
export const SEVERITIES = ["critical", "warning", "info"] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
/** True when `s` is as bad as `min` or worse. */
export function severityAtLeast(s: Severity, min: Severity): boolean {
  return severityRank(s) <= severityRank(min);
}

export const ALERT_STATES = ["firing", "acknowledged", "resolved"] as const;
export const alertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof alertStateSchema>;

const labelName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "label names are identifiers (letters, digits, '_')");
export const labelsSchema = z.record(labelName, z.string().max(512));
export type Labels = z.infer<typeof labelsSchema>;

/** A link from an alert to the object it is about, e.g. a zone page in the console. */
export const alertLinkSchema = z.object({
  label: z.string().min(1).max(128),
  href: z
    .string()
    .max(2048)
    .refine((h) => h.startsWith("/") && !h.startsWith("//"), "links are console paths starting with '/'"),
});
export type AlertLink = z.infer<typeof alertLinkSchema>;

/** What a feature module hands to the alert service when a condition holds. */
export const alertInputSchema = z.object({
  source: alertSourceSchema,
  severity: severitySchema,
  /** Identity of the condition; the fingerprint is derived from source + these labels. */
  labels: labelsSchema,
  summary: z.string().min(1).max(512),
  details: z.string().max(16_384).default(""),
  links: z.array(alertLinkSchema).max(16).default([]),
});
export type AlertInput = z.input<typeof alertInputSchema>;

/** Alertmanager-style matcher: `=`, `!=`, `=~`, `!~` against `source` or a label. */
export const MATCHER_OPS = ["=", "!=", "=~", "!~"] as const;
export const matcherSchema = z
  .object({
    name: z.string().min(1).max(64),
    op: z.enum(MATCHER_OPS),
    value: z.string().max(512),
  })
  .superRefine((m, ctx) => {
    if (m.op === "=~" || m.op === "!~") {
      try {
        new RegExp(`^(?:${m.value})$`);
      } catch (e) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: `invalid regular expression: ${(e as Error).message}`,
        });
      }
    }
  });
export type Matcher = z.infer<typeof matcherSchema>;

export const silenceInputSchema = z
  .object({
    matchers: z.array(matcherSchema).min(1, "a silence needs at least one matcher").max(16),
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime(),
    comment: z.string().min(1, "say why").max(1024),
  })
  .refine((s) => !s.startsAt || s.startsAt < s.endsAt, {
    path: ["endsAt"],
    message: "endsAt must be after startsAt",
  });
export type SilenceInput = z.infer<typeof silenceInputSchema>;

/** The fields a matcher may test: the alert's source and severity, then its labels. */
export function matcherSubject(
  alert: { source: string; severity: string; labels: Labels },
  name: string,
): string {
  if (name === "source") return alert.source;
  if (name === "severity") return alert.severity;
  return alert.labels[name] ?? "";
}

export function matches(m: Matcher, alert: { source: string; severity: string; labels: Labels }): boolean {
  const subject = matcherSubject(alert, m.name);
  switch (m.op) {
    case "=":
      return subject === m.value;
    case "!=":
      return subject !== m.value;
    case "=~":
      return new RegExp(`^(?:${m.value})$`).test(subject);
    case "!~":
      return !new RegExp(`^(?:${m.value})$`).test(subject);
  }
}

/** A silence applies when every matcher matches (Alertmanager semantics). */
export function silenceMatches(
  matchers: Matcher[],
  alert: { source: string; severity: string; labels: Labels },
): boolean {
  return matchers.length > 0 && matchers.every((m) => matches(m, alert));
}
