/**
 * Registry refusals that follow from the objects alone (RFC 5730 result codes with the reason a
 * registry gives): sponsorship (2201), existing objects (2302), missing ones (2303), prohibiting
 * statuses (2304) and associations (2305). The LAB registry enforces them and the mock API answers
 * with them, so both refuse the same commands in the same words.
 */

export interface Refusal {
  code: 2201 | 2301 | 2302 | 2303 | 2304 | 2305;
  reason: string;
}

interface Sponsored {
  name: string;
  /** The sponsoring client. */
  clID: string;
  statuses: readonly { s: string }[];
}

/** 2302: a create (or rename) onto a name that exists. */
export function objectExists(kind: "host" | "domain", name: string): Refusal {
  return { code: 2302, reason: `${kind} ${name} already exists` };
}

/** 2303: a name server named in a domain command that is no host object at the registry. */
export function nameServerMissing(name: string): Refusal {
  return { code: 2303, reason: `name server ${name} is not a host object here` };
}

/** 2201 unless `client` sponsors the object. */
export function sponsorOnly(
  o: { name: string; clID: string },
  client: string,
  verb: "change" | "delete",
): Refusal | null {
  return o.clID === client
    ? null
    : {
        code: 2201,
        reason: `${o.name} is sponsored by ${o.clID}; only the sponsoring client may ${verb} it`,
      };
}

/** 2201 when a host would be created under a domain another client sponsors (registry policy, RFC 5732 §3.2.1). */
export function hostUnderForeignDomain(
  name: string,
  parent: { name: string; clID: string } | null | undefined,
  client: string,
): Refusal | null {
  return parent && parent.clID !== client
    ? { code: 2201, reason: `${name} is under ${parent.name}, which is sponsored by ${parent.clID}` }
    : null;
}

/** Why <host:delete> is refused: not ours (2201), delete-prohibited (2304), still a name server (2305). */
export function hostDeleteRefusal(
  h: Sponsored,
  client: string,
  linkedDomains: readonly string[],
): Refusal | null {
  const sponsor = sponsorOnly(h, client, "delete");
  if (sponsor) return sponsor;
  if (h.statuses.some((s) => s.s === "clientDeleteProhibited" || s.s === "serverDeleteProhibited"))
    return { code: 2304, reason: `${h.name} has a delete-prohibited status` };
  if (linkedDomains.length > 0)
    return {
      code: 2305,
      reason: `${h.name} is a name server of ${[...linkedDomains].sort().join(", ")}; remove it from ${linkedDomains.length === 1 ? "that domain" : "those domains"} first`,
    };
  return null;
}

/** Why <domain:delete> is refused: not ours (2201), a prohibiting status (2304), subordinate hosts (2305). */
export function domainDeleteRefusal(
  d: Sponsored,
  client: string,
  subordinates: readonly string[],
): Refusal | null {
  const sponsor = sponsorOnly(d, client, "change");
  if (sponsor) return sponsor;
  if (d.statuses.some((s) => /DeleteProhibited$/.test(s.s) || s.s === "pendingTransfer"))
    return { code: 2304, reason: `${d.name} has a status that prohibits deletion` };
  if (subordinates.length > 0)
    return {
      code: 2305,
      reason: `${d.name} has subordinate hosts (${[...subordinates].sort().join(", ")}); delete them first`,
    };
  return null;
}

/**
 * Why an answer to a transfer (RFC 5731 §3.2.4) is refused: only the sponsoring (losing) client
 * approves or rejects (2201), only the requesting client cancels (2201), and only a pending
 * transfer can be answered (2301).
 */
export function transferAnswerRefusal(
  d: { name: string; clID: string },
  pending: { reID: string } | null | undefined,
  client: string,
  op: "approve" | "reject" | "cancel",
): Refusal | null {
  if (op !== "cancel" && d.clID !== client)
    return { code: 2201, reason: `only the sponsor ${d.clID} may ${op} this transfer` };
  if (op === "cancel" && pending && pending.reID !== client)
    return { code: 2201, reason: `only ${pending.reID} may cancel this transfer` };
  if (!pending) return { code: 2301, reason: `no transfer of ${d.name} is pending` };
  return null;
}
