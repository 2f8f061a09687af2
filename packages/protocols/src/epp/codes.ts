/**
 * Every result code of RFC 5730 §3, with the RFC's text and a short explanation for an operator
 * who sees it in the console. The RFC's list is closed: the schema (epp-1.0.xsd resultCodeType)
 * enumerates it, so any other code is a protocol error, not something to guess at.
 */
export interface ResultCodeInfo {
  code: number;
  /** The message text RFC 5730 §3 gives for the code. */
  meaning: string;
  explanation: string;
  success: boolean;
}

const TABLE: [number, string, string][] = [
  [1000, "Command completed successfully", "The registry did what was asked."],
  [
    1001,
    "Command completed successfully; action pending",
    "Accepted, but the registry finishes it later; a poll message will report the outcome.",
  ],
  [1300, "Command completed successfully; no messages", "The poll queue is empty."],
  [
    1301,
    "Command completed successfully; ack to dequeue",
    "A poll message was returned; acknowledge it to see the next one.",
  ],
  [1500, "Command completed successfully; ending session", "Logged out; the registry closes the connection."],
  [2000, "Unknown command", "The registry does not recognise this command."],
  [2001, "Command syntax error", "The XML sent is not valid for the EPP schemas; this is a client bug."],
  [
    2002,
    "Command use error",
    "The command is valid but not allowed now (for example a command before login).",
  ],
  [2003, "Required parameter missing", "A field the registry requires was not sent."],
  [
    2004,
    "Parameter value range error",
    "A value is outside the range the registry allows (for example a too-long period).",
  ],
  [2005, "Parameter value syntax error", "A value is malformed (for example a host name or IP address)."],
  [2100, "Unimplemented protocol version", "The registry does not speak the EPP version requested."],
  [2101, "Unimplemented command", "The registry knows this command but does not offer it."],
  [2102, "Unimplemented option", "The registry does not offer an option used in the command."],
  [2103, "Unimplemented extension", "An extension used in the command is not offered by the registry."],
  [2104, "Billing failure", "The registry refused for billing reasons (for example insufficient funds)."],
  [
    2105,
    "Object is not eligible for renewal",
    "This object cannot be renewed now (for example it is pending deletion).",
  ],
  [
    2106,
    "Object is not eligible for transfer",
    "This object cannot be transferred now (for example it was created or transferred recently).",
  ],
  [2200, "Authentication error", "The login credentials or client certificate were refused."],
  [
    2201,
    "Authorization error",
    "Only the sponsoring client may change this object, or this client may not use the command.",
  ],
  [2202, "Invalid authorization information", "The authInfo (transfer password) given is wrong."],
  [2300, "Object pending transfer", "A transfer of this object is in progress, so it cannot be changed."],
  [2301, "Object not pending transfer", "There is no transfer of this object to approve, reject or cancel."],
  [2302, "Object exists", "An object with this name or identifier already exists."],
  [
    2303,
    "Object does not exist",
    "No such object at the registry (for a new host: its superordinate domain may be missing).",
  ],
  [
    2304,
    "Object status prohibits operation",
    "A status such as clientUpdateProhibited or pendingDelete blocks this change; remove it first.",
  ],
  [
    2305,
    "Object association prohibits operation",
    "Other objects refer to this one (for example domains use this host as a name server); remove those links first.",
  ],
  [
    2306,
    "Parameter value policy error",
    "The value is well-formed but against registry policy (for example glue addresses for a host outside the registry).",
  ],
  [2307, "Unimplemented object service", "The registry does not manage this kind of object."],
  [
    2308,
    "Data management policy violation",
    "The request conflicts with the registry's data collection policy.",
  ],
  [2400, "Command failed", "The registry had an internal error; retry later or contact the registry."],
  [
    2500,
    "Command failed; server closing connection",
    "The registry failed and is closing the session; the client reconnects.",
  ],
  [
    2501,
    "Authentication error; server closing connection",
    "Login was refused and the connection is being closed.",
  ],
  [
    2502,
    "Session limit exceeded; server closing connection",
    "Too many sessions or commands; the registry is closing this connection.",
  ],
];

export const RESULT_CODES: ReadonlyMap<number, ResultCodeInfo> = new Map(
  TABLE.map(([code, meaning, explanation]) => [code, { code, meaning, explanation, success: code < 2000 }]),
);

export function resultCodeInfo(code: number): ResultCodeInfo | undefined {
  return RESULT_CODES.get(code);
}

/** Codes after which the server closes the connection (RFC 5730 §3). */
export function closesSession(code: number): boolean {
  return code === 1500 || code === 2500 || code === 2501 || code === 2502;
}
