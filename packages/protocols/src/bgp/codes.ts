// BGP NOTIFICATION error codes and subcodes, named as in the IANA "BGP Error (Notification) Codes" and
// "BGP Error Subcodes" registries (RFC 4271, 4486, 5492, 6608, 7313, 7606, 8538, 9003, 9234, 9384, 9687).

export const BgpErrorCode = {
  MessageHeader: 1,
  OpenMessage: 2,
  UpdateMessage: 3,
  HoldTimerExpired: 4,
  FiniteStateMachine: 5,
  Cease: 6,
  RouteRefreshMessage: 7,
  SendHoldTimerExpired: 8,
} as const;

export const CeaseSubcode = {
  MaximumPrefixesReached: 1,
  AdministrativeShutdown: 2,
  PeerDeconfigured: 3,
  AdministrativeReset: 4,
  ConnectionRejected: 5,
  OtherConfigurationChange: 6,
  ConnectionCollisionResolution: 7,
  OutOfResources: 8,
  HardReset: 9,
  BfdDown: 10,
} as const;

export const ERROR_CODE_NAMES: Readonly<Record<number, string>> = {
  1: "Message Header Error",
  2: "OPEN Message Error",
  3: "UPDATE Message Error",
  4: "Hold Timer Expired",
  5: "Finite State Machine Error",
  6: "Cease",
  7: "ROUTE-REFRESH Message Error",
  8: "Send Hold Timer Expired",
};

// Subcode 0 is "Unspecific" where a registry defines it (RFC 4493 errata / RFC 7606 §5.3 practice).
export const ERROR_SUBCODE_NAMES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  1: {
    0: "Unspecific",
    1: "Connection Not Synchronized",
    2: "Bad Message Length",
    3: "Bad Message Type",
  },
  2: {
    0: "Unspecific",
    1: "Unsupported Version Number",
    2: "Bad Peer AS",
    3: "Bad BGP Identifier",
    4: "Unsupported Optional Parameter",
    5: "Authentication Failure (deprecated)",
    6: "Unacceptable Hold Time",
    7: "Unsupported Capability",
    8: "Deprecated (8)",
    9: "Deprecated (9)",
    10: "Deprecated (10)",
    11: "Role Mismatch",
  },
  3: {
    0: "Unspecific",
    1: "Malformed Attribute List",
    2: "Unrecognized Well-known Attribute",
    3: "Missing Well-known Attribute",
    4: "Attribute Flags Error",
    5: "Attribute Length Error",
    6: "Invalid ORIGIN Attribute",
    7: "AS Routing Loop (deprecated)",
    8: "Invalid NEXT_HOP Attribute",
    9: "Optional Attribute Error",
    10: "Invalid Network Field",
    11: "Malformed AS_PATH",
  },
  4: { 0: "Unspecific" },
  5: {
    0: "Unspecified Error",
    1: "Receive Unexpected Message in OpenSent State",
    2: "Receive Unexpected Message in OpenConfirm State",
    3: "Receive Unexpected Message in Established State",
  },
  6: {
    0: "Reserved",
    1: "Maximum Number of Prefixes Reached",
    2: "Administrative Shutdown",
    3: "Peer De-configured",
    4: "Administrative Reset",
    5: "Connection Rejected",
    6: "Other Configuration Change",
    7: "Connection Collision Resolution",
    8: "Out of Resources",
    9: "Hard Reset",
    10: "BFD Down",
  },
  7: { 0: "Reserved", 1: "Invalid Message Length" },
  8: { 0: "Unspecific" },
};

export function errorCodeName(code: number): string {
  return ERROR_CODE_NAMES[code] ?? `Unknown error code ${code}`;
}

export function errorSubcodeName(code: number, subcode: number): string {
  return ERROR_SUBCODE_NAMES[code]?.[subcode] ?? `Unknown subcode ${subcode}`;
}

export function isKnownError(code: number, subcode: number): boolean {
  return ERROR_SUBCODE_NAMES[code]?.[subcode] !== undefined;
}

/** Cease subcodes whose data is a Shutdown Communication (RFC 9003 §2). */
export function carriesShutdownCommunication(code: number, subcode: number): boolean {
  return (
    code === BgpErrorCode.Cease &&
    (subcode === CeaseSubcode.AdministrativeShutdown || subcode === CeaseSubcode.AdministrativeReset)
  );
}

export const BgpMessageType = {
  Open: 1,
  Update: 2,
  Notification: 3,
  Keepalive: 4,
  RouteRefresh: 5,
} as const;

export const MESSAGE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "OPEN",
  2: "UPDATE",
  3: "NOTIFICATION",
  4: "KEEPALIVE",
  5: "ROUTE-REFRESH",
};
