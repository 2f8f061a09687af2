/** The registry pages' state in the URL (read and written by lib/urlState). */
import { z } from "zod";

/** The selected connection (`?conn=`; empty: the first). */
export const connectionParamSchema = z.object({ conn: z.string().default("") });

/** `?name=` on the domains page: the domain looked up (a lookup writes it; arriving with it looks it up). */
export const domainLookupSchema = z.object({
  name: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, "longer than a domain name can be (253 characters)")
    .default(""),
});

export const hostFiltersSchema = z.object({
  q: z.string().default(""),
  mine: z.boolean().default(false),
});

export const transcriptFiltersSchema = z.object({
  object: z.string().default(""),
  q: z.string().default(""),
  failed: z.boolean().default(false),
  /** Show the poll job's routine `poll req` (queue empty, every few seconds); hidden by default. */
  polls: z.boolean().default(false),
});

/**
 * The poll queue: acknowledged messages too (`?acked=1`), and the message an alert or a search hit
 * links to (`?message=<id>`, the console's id of the message, not the registry's msgId).
 */
export const pollFiltersSchema = z.object({
  acked: z.boolean().default(false),
  message: z
    .number({ message: "not a message number" })
    .int("not a message number")
    .positive("not a message number")
    .max(2_147_483_647, "not a message number")
    .optional(),
});

export type TranscriptFilters = z.output<typeof transcriptFiltersSchema>;
