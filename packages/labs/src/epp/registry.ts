/** The LAB registry's command dispatch for a logged-in client: objects, contacts and the poll queue. */
import type { EppCommand } from "@netops/protocols/epp";
import { domainCommand } from "./domain-commands";
import { hostCommand } from "./host-commands";
import { type CommandContext, ok, type Reply, refuse } from "./reply";
import type { LabStore } from "./store";

export function executeCommand(store: LabStore, c: EppCommand, ctx: CommandContext): Reply {
  if (c.cmd === "poll") return poll(store, c, ctx);
  if (c.cmd === "unsupported")
    return refuse(2101, `${c.verb} of ${c.object} is not offered by the lab registry`);
  if (c.cmd === "login" || c.cmd === "logout") return refuse(2002, `${c.cmd} is handled by the session`);
  // Each command is one transaction: a failed check leaves nothing half-written.
  return store.tx(() => {
    if (c.cmd.startsWith("host:")) return hostCommand(store, c as Parameters<typeof hostCommand>[1], ctx);
    if (c.cmd.startsWith("domain:"))
      return domainCommand(store, c as Parameters<typeof domainCommand>[1], ctx);
    return contactCommand(store, c as Extract<EppCommand, { cmd: `contact:${string}` }>, ctx);
  });
}

function contactCommand(
  store: LabStore,
  c: Extract<EppCommand, { cmd: `contact:${string}` }>,
  ctx: CommandContext,
): Reply {
  if (c.cmd === "contact:check")
    return ok([
      {
        kind: "contact:chkData",
        items: c.ids.map((id) =>
          store.contact(id) ? { name: id, avail: false, reason: "In use" } : { name: id, avail: true },
        ),
      },
    ]);
  const found = store.contact(c.id);
  if (!found) return refuse(2303, `no contact ${c.id}`);
  const { authPw, ...contact } = found;
  if (store.contactInUse(contact.id)) contact.statuses = [{ s: "linked" }, ...contact.statuses];
  const full = contact.clID === ctx.clID || c.authInfo?.pw === authPw;
  return ok([
    { kind: "contact:infData", contact: full ? { ...contact, authInfo: { pw: authPw } } : contact },
  ]);
}

function poll(store: LabStore, c: Extract<EppCommand, { cmd: "poll" }>, ctx: CommandContext): Reply {
  if (c.op === "ack") {
    const id = Number(c.msgID);
    if (!Number.isSafeInteger(id) || !store.ack(ctx.clID, id))
      return refuse(2303, `no message ${c.msgID} in your queue`);
    const { count, first } = store.head(ctx.clID);
    const r = ok();
    if (first) r.msgQ = { count, id: String(first.id) };
    return r;
  }
  const { count, first } = store.head(ctx.clID);
  if (!first) return ok([], 1300);
  const r = ok(first.resData ? [first.resData] : [], 1301);
  r.msgQ = { count, id: String(first.id), qDate: first.qDate, msg: first.msg };
  return r;
}
