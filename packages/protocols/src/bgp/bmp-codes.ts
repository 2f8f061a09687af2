// BMP v3 (RFC 7854) constants and registered names; RFC 9069 and RFC 8671 additions.
export const BMP_VERSION = 3;
export const BMP_COMMON_HEADER_LENGTH = 6;
export const BMP_PER_PEER_HEADER_LENGTH = 42;

export const BmpMessageType = {
  RouteMonitoring: 0,
  StatisticsReport: 1,
  PeerDown: 2,
  PeerUp: 3,
  Initiation: 4,
  Termination: 5,
  RouteMirroring: 6,
} as const;

export const BMP_MESSAGE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "Route Monitoring",
  1: "Statistics Report",
  2: "Peer Down Notification",
  3: "Peer Up Notification",
  4: "Initiation",
  5: "Termination",
  6: "Route Mirroring",
};

export const BMP_PEER_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "Global Instance Peer",
  1: "RD Instance Peer",
  2: "Local Instance Peer",
  3: "Loc-RIB Instance Peer",
};

export const BMP_PEER_DOWN_REASONS: Readonly<Record<number, string>> = {
  1: "Local system closed, NOTIFICATION PDU follows",
  2: "Local system closed, FSM Event follows",
  3: "Remote system closed, NOTIFICATION PDU follows",
  4: "Remote system closed, no data",
  5: "Peer de-configured",
  6: "Local system closed, TLV data follows",
};

export const BMP_TERMINATION_REASONS: Readonly<Record<number, string>> = {
  0: "Session administratively closed",
  1: "Unspecified reason",
  2: "Out of resources",
  3: "Redundant connection",
  4: "Session permanently administratively closed",
};

// RFC 7854 §4.8 (0–13) and RFC 8671 (14–17).
export const BMP_STAT_NAMES: Readonly<Record<number, string>> = {
  0: "Prefixes rejected by inbound policy",
  1: "Duplicate prefix advertisements",
  2: "Duplicate withdraws",
  3: "Updates invalidated due to CLUSTER_LIST loop",
  4: "Updates invalidated due to AS_PATH loop",
  5: "Updates invalidated due to ORIGINATOR_ID",
  6: "Updates invalidated due to AS_CONFED loop",
  7: "Routes in Adj-RIBs-In",
  8: "Routes in Loc-RIB",
  9: "Routes in per-AFI/SAFI Adj-RIB-In",
  10: "Routes in per-AFI/SAFI Loc-RIB",
  11: "Updates subjected to treat-as-withdraw",
  12: "Prefixes subjected to treat-as-withdraw",
  13: "Duplicate update messages received",
  14: "Routes in pre-policy Adj-RIB-Out",
  15: "Routes in post-policy Adj-RIB-Out",
  16: "Routes in per-AFI/SAFI pre-policy Adj-RIB-Out",
  17: "Routes in per-AFI/SAFI post-policy Adj-RIB-Out",
};
