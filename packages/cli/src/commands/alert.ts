import { parseArgs } from "node:util";
import { ALERT_STATES, alertInputSchema } from "@netops/protocols";
import { withServices } from "../context";
import { type Io, print, UsageError } from "../io";

export const ALERT_HELP = `netops alert list [--state firing|acknowledged|resolved] [--json]
netops alert add --source S --severity critical|warning|info --summary TEXT [--label k=v]... [--details TEXT] [--json]
   (like amtool's "alert add": raises a real alert through the alert service, to test routing and receivers)
netops alert resolve --source S [--label k=v]...`;

function labels(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list ?? []) {
    const i = l.indexOf("=");
    if (i < 1) throw new UsageError(`--label ${l}: expected name=value`);
    out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

export async function alertCommand(args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      source: { type: "string" },
      severity: { type: "string" },
      summary: { type: "string" },
      details: { type: "string" },
      label: { type: "string", multiple: true },
      state: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const json = values.json ?? false;
  if (sub === "list") {
    const state = values.state;
    if (state && !(ALERT_STATES as readonly string[]).includes(state))
      throw new UsageError(`--state: one of ${ALERT_STATES.join(", ")}`);
    await withServices(io, async ({ alerts }) => {
      const { items } = await alerts.list({
        limit: 500,
        ...(state && { state: [state as (typeof ALERT_STATES)[number]] }),
      });
      print(io, json, items, [
        ["ID", "SEVERITY", "STATE", "SOURCE", "LAST SEEN (UTC)", "SUMMARY"],
        ...items.map((a) => [String(a.id), a.severity, a.state, a.source, a.lastSeenAt, a.summary]),
      ]);
    });
    return;
  }
  if (sub === "add" || sub === "resolve") {
    const input = alertInputSchema.safeParse({
      source: values.source,
      severity: values.severity ?? "info",
      labels: labels(values.label),
      summary: values.summary ?? "resolve",
      details: values.details ?? "",
    });
    if (!input.success) {
      throw new UsageError(
        input.error.issues.map((i) => `--${String(i.path[0] ?? "input")}: ${i.message}`).join("\n"),
      );
    }
    await withServices(io, async ({ alerts, webhooks }) => {
      if (sub === "add") {
        const r = await alerts.raise(input.data);
        await webhooks.deliverDue();
        if (json) print(io, true, r);
        else io.out(`${r.created ? "raised" : "repeated"} alert ${r.alert.id} (${r.alert.fingerprint})\n`);
      } else {
        const r = await alerts.clear(input.data.source, input.data.labels, "resolved from the CLI");
        await webhooks.deliverDue();
        io.out(r ? `resolved alert ${r.id}\n` : "no active alert with that source and labels\n");
      }
    });
    return;
  }
  throw new UsageError(`unknown or missing subcommand: alert ${sub ?? ""}\n${ALERT_HELP}`);
}
