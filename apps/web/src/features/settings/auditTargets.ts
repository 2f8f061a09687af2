/**
 * Where an audit entry's target lives in the console, from the action's area and the target text
 * the API writes (`alert 12`, a zone's name, `dhcp-source:<name>`, a host or domain name, …).
 * null when the object has no page (a deleted token, a logout).
 */
export function auditTargetHref(action: string, target: string | null): string | null {
  if (!target) return null;
  const t = target.trim();
  const q = encodeURIComponent;
  const area = action.split(".")[0] ?? "";
  const verb = action.slice(area.length + 1);
  const alert = /^alert (\d+)$/.exec(t);
  if (alert) return `/alerts/${alert[1]}`;
  if (t.startsWith("dhcp-source:") || t.startsWith("dhcp-subnet:")) return "/dhcp";
  switch (area) {
    case "silences":
      return "/alerts/silences";
    case "dns":
      return verb === "remove" || verb === "verifyUpload" ? null : `/dns/${q(t.replace(/\.$/, ""))}`;
    case "registry":
      if (/Connection$/.test(verb) || verb === "reconnect") return "/registry/connections";
      if (/Host$/.test(verb)) return `/registry/hosts?q=${q(t)}`;
      if (/Domain$|Transfer$|^transferQuery$/.test(verb)) return `/registry/domains?name=${q(t)}`;
      if (verb === "ackPoll" || verb === "pollNow") return "/registry/poll";
      return null;
    case "webhooks":
      // The page selects a receiver by id, which the audit target (its name) does not carry.
      return verb === "remove" ? null : "/settings/webhooks";
    case "users":
      return "/settings/users";
    case "tokens":
      return "/settings/tokens";
    default:
      return null;
  }
}
