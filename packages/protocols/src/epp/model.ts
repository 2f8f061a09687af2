/** Typed EPP frames (RFC 5730) and the host/domain/contact mappings (RFC 5731–5733, 5910). */

export const HOST_STATUSES = [
  "ok",
  "linked",
  "clientDeleteProhibited",
  "clientUpdateProhibited",
  "serverDeleteProhibited",
  "serverUpdateProhibited",
  "pendingCreate",
  "pendingDelete",
  "pendingTransfer",
  "pendingUpdate",
] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

export const DOMAIN_STATUSES = [
  "ok",
  "inactive",
  "clientDeleteProhibited",
  "clientHold",
  "clientRenewProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
  "serverDeleteProhibited",
  "serverHold",
  "serverRenewProhibited",
  "serverTransferProhibited",
  "serverUpdateProhibited",
  "pendingCreate",
  "pendingDelete",
  "pendingRenew",
  "pendingTransfer",
  "pendingUpdate",
] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const CONTACT_STATUSES = [
  "ok",
  "linked",
  "clientDeleteProhibited",
  "clientTransferProhibited",
  "clientUpdateProhibited",
  "serverDeleteProhibited",
  "serverTransferProhibited",
  "serverUpdateProhibited",
  "pendingCreate",
  "pendingDelete",
  "pendingTransfer",
  "pendingUpdate",
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const TRANSFER_STATUSES = [
  "clientApproved",
  "clientCancelled",
  "clientRejected",
  "pending",
  "serverApproved",
  "serverCancelled",
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface Status<S extends string = string> {
  s: S;
  lang?: string;
  /** Free text given with the status (a reason). */
  text?: string;
}

export interface HostAddr {
  ip: "v4" | "v6";
  address: string;
}

export interface AuthInfo {
  pw: string;
  roid?: string;
}

// ---------- Session ----------

export interface DcpStatement {
  purposes: string[];
  recipients: string[];
  retention: string;
}

export interface Greeting {
  svID: string;
  svDate: string;
  versions: string[];
  langs: string[];
  objURIs: string[];
  extURIs: string[];
  dcp: { access: string; statements: DcpStatement[]; expiry?: { absolute?: string; relative?: string } };
}

export interface LoginCommand {
  cmd: "login";
  clID: string;
  pw: string;
  newPW?: string;
  version: string;
  lang: string;
  objURIs: string[];
  extURIs: string[];
}

// ---------- Commands ----------

export interface HostChange {
  addrs: HostAddr[];
  statuses: Status<HostStatus>[];
}

export type HostCommand =
  | { cmd: "host:check"; names: string[] }
  | { cmd: "host:info"; name: string }
  | { cmd: "host:create"; name: string; addrs: HostAddr[] }
  | { cmd: "host:update"; name: string; add: HostChange; rem: HostChange; newName?: string }
  | { cmd: "host:delete"; name: string };

export interface HostAttr {
  name: string;
  addrs: HostAddr[];
}
/** Name servers: by reference to host objects, or as attributes of the domain (RFC 5731 §1.1). */
export type NsList = { hostObj: string[] } | { hostAttr: HostAttr[] };

export const CONTACT_TYPES = ["admin", "billing", "tech"] as const;
export interface DomainContact {
  type: (typeof CONTACT_TYPES)[number];
  id: string;
}
export interface Period {
  value: number;
  unit: "y" | "m";
}
export interface DomainChange {
  ns?: NsList;
  contacts: DomainContact[];
  statuses: Status<DomainStatus>[];
}

export type DomainCommand =
  | { cmd: "domain:check"; names: string[] }
  | { cmd: "domain:info"; name: string; hosts: "all" | "del" | "sub" | "none"; authInfo?: AuthInfo }
  | {
      cmd: "domain:create";
      name: string;
      period?: Period;
      ns?: NsList;
      registrant?: string;
      contacts: DomainContact[];
      authInfo: AuthInfo;
    }
  | {
      cmd: "domain:update";
      name: string;
      add: DomainChange;
      rem: DomainChange;
      chg?: { registrant?: string; authInfo?: AuthInfo };
    }
  | { cmd: "domain:renew"; name: string; curExpDate: string; period?: Period }
  | { cmd: "domain:delete"; name: string }
  | {
      cmd: "domain:transfer";
      op: "query" | "request" | "approve" | "reject" | "cancel";
      name: string;
      period?: Period;
      authInfo?: AuthInfo;
    };

export type ContactCommand =
  | { cmd: "contact:check"; ids: string[] }
  | { cmd: "contact:info"; id: string; authInfo?: AuthInfo };

export type EppCommand =
  | LoginCommand
  | { cmd: "logout" }
  | { cmd: "poll"; op: "req" }
  | { cmd: "poll"; op: "ack"; msgID: string }
  | HostCommand
  | DomainCommand
  | ContactCommand
  /** A command we read but do not model (e.g. contact:create); kept so transcripts still decode. */
  | { cmd: "unsupported"; verb: string; objectNs: string | null; object: string };

// ---------- Responses ----------

export interface CheckItem {
  /** Host/domain name or contact id. */
  name: string;
  avail: boolean;
  reason?: string;
}

export interface HostInfo {
  name: string;
  roid: string;
  statuses: Status<HostStatus>[];
  addrs: HostAddr[];
  clID: string;
  crID: string;
  crDate: string;
  upID?: string;
  upDate?: string;
  trDate?: string;
}

export interface DomainInfo {
  name: string;
  roid: string;
  statuses: Status<DomainStatus>[];
  registrant?: string;
  contacts: DomainContact[];
  ns?: NsList;
  /** Subordinate hosts (host objects named under this domain). */
  hosts: string[];
  clID: string;
  crID?: string;
  crDate?: string;
  upID?: string;
  upDate?: string;
  exDate?: string;
  trDate?: string;
  authInfo?: AuthInfo;
}

export interface PostalInfo {
  type: "int" | "loc";
  name: string;
  org?: string;
  street: string[];
  city: string;
  sp?: string;
  pc?: string;
  cc: string;
}

export interface ContactInfo {
  id: string;
  roid: string;
  statuses: Status<ContactStatus>[];
  postalInfo: PostalInfo[];
  voice?: string;
  fax?: string;
  email: string;
  clID: string;
  crID: string;
  crDate: string;
  upID?: string;
  upDate?: string;
  trDate?: string;
  authInfo?: AuthInfo;
}

export interface TransferData {
  name: string;
  trStatus: TransferStatus;
  reID: string;
  reDate: string;
  acID: string;
  acDate: string;
  exDate?: string;
}

export interface TrID {
  clTRID?: string;
  svTRID: string;
}

export interface PendingActionData {
  name: string;
  paResult: boolean;
  paTRID: { clTRID?: string; svTRID: string };
  paDate: string;
}

export type ResData =
  | { kind: "host:chkData"; items: CheckItem[] }
  | { kind: "host:infData"; host: HostInfo }
  | { kind: "host:creData"; name: string; crDate: string }
  | { kind: "host:panData"; data: PendingActionData }
  | { kind: "domain:chkData"; items: CheckItem[] }
  | { kind: "domain:infData"; domain: DomainInfo }
  | { kind: "domain:creData"; name: string; crDate: string; exDate?: string }
  | { kind: "domain:renData"; name: string; exDate?: string }
  | { kind: "domain:trnData"; transfer: TransferData }
  | { kind: "domain:panData"; data: PendingActionData }
  | { kind: "contact:chkData"; items: CheckItem[] }
  | { kind: "contact:infData"; contact: ContactInfo }
  | { kind: "contact:creData"; id: string; crDate: string }
  | { kind: "contact:panData"; data: PendingActionData }
  | { kind: "unknown"; ns: string | null; name: string; xml: string };

export interface DsData {
  keyTag: number;
  alg: number;
  digestType: number;
  digest: string;
  keyData?: KeyData;
}
export interface KeyData {
  flags: number;
  protocol: number;
  alg: number;
  pubKey: string;
}
/** RFC 5910 secDNS-1.1 data: either DS records or key records, never both. */
export interface SecDnsData {
  maxSigLife?: number;
  dsData: DsData[];
  keyData: KeyData[];
}

export type Extension =
  | { kind: "secDNS:infData"; data: SecDnsData }
  | { kind: "secDNS:create"; data: SecDnsData }
  | { kind: "unknown"; ns: string | null; name: string; xml: string };

export interface EppResult {
  code: number;
  msg: string;
  lang?: string;
  /** `<value>` contents, as XML fragments (they hold elements of any namespace). */
  values: string[];
  extValues: { value: string; reason: string }[];
}

export interface MsgQ {
  count: number;
  id: string;
  qDate?: string;
  msg?: string;
  lang?: string;
}

export interface EppResponse {
  results: EppResult[];
  msgQ?: MsgQ;
  resData: ResData[];
  extensions: Extension[];
  trID: TrID;
}

export type EppFrame =
  | { type: "greeting"; greeting: Greeting }
  | { type: "hello" }
  | { type: "command"; command: EppCommand; extensions: Extension[]; clTRID?: string }
  | { type: "response"; response: EppResponse };
