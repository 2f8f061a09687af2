/**
 * Zod schemas and types of the normalised RDAP model (RFC 9083 objects and common members,
 * RFC 8977 sorting/paging metadata, RFC 8982 subsetting metadata, RFC 9537 redactions).
 * `parseRdapResponse` produces values of these types from whatever a server sent; members that
 * do not conform are dropped from the model and reported as findings.
 */
import { z } from "zod";

export const linkSchema = z.object({
  href: z.string(),
  value: z.string().optional(),
  rel: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  media: z.string().optional(),
  hreflang: z.array(z.string()).optional(),
});
export type Link = z.infer<typeof linkSchema>;

export const noticeSchema = z.object({
  title: z.string().optional(),
  type: z.string().optional(),
  description: z.array(z.string()),
  links: z.array(linkSchema),
});
export type Notice = z.infer<typeof noticeSchema>;

export const eventSchema = z.object({
  eventAction: z.string(),
  eventDate: z.string(),
  eventActor: z.string().optional(),
  links: z.array(linkSchema),
});
export type RdapEvent = z.infer<typeof eventSchema>;

export const publicIdSchema = z.object({ type: z.string(), identifier: z.string() });
export type PublicId = z.infer<typeof publicIdSchema>;

/** RFC 9537 §4.2. `name`/`reason` carry either a registered `type` or a free `description`. */
const typeOrDescription = z.object({ type: z.string().optional(), description: z.string().optional() });
export const redactionSchema = z.object({
  name: typeOrDescription,
  reason: typeOrDescription.optional(),
  prePath: z.string().optional(),
  postPath: z.string().optional(),
  replacementPath: z.string().optional(),
  pathLang: z.string().optional(),
  method: z.string(),
});
export type Redaction = z.infer<typeof redactionSchema>;

/** RFC 8977 §2.3.1 */
export const sortingMetadataSchema = z.object({
  currentSort: z.string().optional(),
  availableSorts: z.array(
    z.object({
      property: z.string(),
      jsonPath: z.string().optional(),
      default: z.boolean(),
      links: z.array(linkSchema),
    }),
  ),
});
export type SortingMetadata = z.infer<typeof sortingMetadataSchema>;

/** RFC 8977 §2.4.1 */
export const pagingMetadataSchema = z.object({
  totalCount: z.number().int().nonnegative().optional(),
  pageSize: z.number().int().nonnegative().optional(),
  pageNumber: z.number().int().nonnegative().optional(),
  links: z.array(linkSchema),
});
export type PagingMetadata = z.infer<typeof pagingMetadataSchema>;

/** RFC 8982 §4 */
export const subsettingMetadataSchema = z.object({
  currentFieldSet: z.string(),
  availableFieldSets: z.array(
    z.object({
      name: z.string(),
      description: z.string().optional(),
      default: z.boolean(),
      links: z.array(linkSchema),
    }),
  ),
});
export type SubsettingMetadata = z.infer<typeof subsettingMetadataSchema>;

/** RFC 7095 jCard decoded into what a contact card shows. */
export const contactCardSchema = z.object({
  kind: z.string().optional(),
  fn: z.string().optional(),
  name: z
    .object({
      family: z.array(z.string()),
      given: z.array(z.string()),
      additional: z.array(z.string()),
      prefixes: z.array(z.string()),
      suffixes: z.array(z.string()),
    })
    .optional(),
  org: z.array(z.string()),
  title: z.string().optional(),
  role: z.string().optional(),
  emails: z.array(z.object({ address: z.string(), types: z.array(z.string()), pref: z.number().optional() })),
  phones: z.array(
    z.object({
      number: z.string(),
      types: z.array(z.string()),
      extension: z.string().optional(),
      pref: z.number().optional(),
    }),
  ),
  addresses: z.array(
    z.object({
      label: z.string().optional(),
      types: z.array(z.string()),
      poBox: z.string().optional(),
      extended: z.string().optional(),
      street: z.array(z.string()),
      locality: z.string().optional(),
      region: z.string().optional(),
      postalCode: z.string().optional(),
      country: z.string().optional(),
      countryCode: z.string().optional(),
    }),
  ),
  urls: z.array(z.string()),
  languages: z.array(z.object({ tag: z.string(), pref: z.number().optional() })),
  contactUris: z.array(z.string()),
  /** Every property as sent (name lower-cased), for a raw view and for what the card omits. */
  properties: z.array(
    z.object({
      name: z.string(),
      parameters: z.record(z.string(), z.unknown()),
      type: z.string(),
      values: z.array(z.unknown()),
    }),
  ),
});
export type ContactCard = z.infer<typeof contactCardSchema>;

const commonShape = {
  handle: z.string().optional(),
  links: z.array(linkSchema),
  remarks: z.array(noticeSchema),
  events: z.array(eventSchema),
  status: z.array(z.string()),
  port43: z.string().optional(),
  lang: z.string().optional(),
  redacted: z.array(redactionSchema),
};

export interface Entity {
  objectClassName: "entity";
  handle?: string | undefined;
  links: Link[];
  remarks: Notice[];
  events: RdapEvent[];
  status: string[];
  port43?: string | undefined;
  lang?: string | undefined;
  redacted: Redaction[];
  roles: string[];
  publicIds: PublicId[];
  contact?: ContactCard | undefined;
  asEventActor: RdapEvent[];
  entities: Entity[];
  networks: IpNetwork[];
  autnums: Autnum[];
}

export const ipAddressesSchema = z.object({ v4: z.array(z.string()), v6: z.array(z.string()) });

export const nameserverSchema = z.object({
  objectClassName: z.literal("nameserver"),
  ...commonShape,
  ldhName: z.string().optional(),
  unicodeName: z.string().optional(),
  ipAddresses: ipAddressesSchema.optional(),
  get entities() {
    return z.array(entitySchema);
  },
});
export type Nameserver = z.infer<typeof nameserverSchema>;

export const ipNetworkSchema = z.object({
  objectClassName: z.literal("ip network"),
  ...commonShape,
  startAddress: z.string().optional(),
  endAddress: z.string().optional(),
  ipVersion: z.enum(["v4", "v6"]).optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  country: z.string().optional(),
  parentHandle: z.string().optional(),
  /** `cidr0` extension: the network as prefixes. */
  cidrs: z.array(z.string()),
  get entities() {
    return z.array(entitySchema);
  },
});
export type IpNetwork = z.infer<typeof ipNetworkSchema>;

export const autnumSchema = z.object({
  objectClassName: z.literal("autnum"),
  ...commonShape,
  startAutnum: z.number().int().optional(),
  endAutnum: z.number().int().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  country: z.string().optional(),
  get entities() {
    return z.array(entitySchema);
  },
});
export type Autnum = z.infer<typeof autnumSchema>;

export const entitySchema: z.ZodType<Entity> = z.lazy(() =>
  z.object({
    objectClassName: z.literal("entity"),
    ...commonShape,
    roles: z.array(z.string()),
    publicIds: z.array(publicIdSchema),
    contact: contactCardSchema.optional(),
    asEventActor: z.array(eventSchema),
    entities: z.array(entitySchema),
    networks: z.array(ipNetworkSchema),
    autnums: z.array(autnumSchema),
  }),
);

export const secureDnsSchema = z.object({
  zoneSigned: z.boolean().optional(),
  delegationSigned: z.boolean().optional(),
  maxSigLife: z.number().optional(),
  dsData: z.array(
    z.object({ keyTag: z.number(), algorithm: z.number(), digestType: z.number(), digest: z.string() }),
  ),
  keyData: z.array(
    z.object({ flags: z.number(), protocol: z.number(), algorithm: z.number(), publicKey: z.string() }),
  ),
});

export const variantSchema = z.object({
  relation: z.array(z.string()),
  idnTable: z.string().optional(),
  variantNames: z.array(z.object({ ldhName: z.string().optional(), unicodeName: z.string().optional() })),
});

export const domainSchema = z.object({
  objectClassName: z.literal("domain"),
  ...commonShape,
  ldhName: z.string().optional(),
  unicodeName: z.string().optional(),
  variants: z.array(variantSchema),
  nameservers: z.array(nameserverSchema),
  secureDNS: secureDnsSchema.optional(),
  publicIds: z.array(publicIdSchema),
  network: ipNetworkSchema.optional(),
  get entities() {
    return z.array(entitySchema);
  },
});
export type Domain = z.infer<typeof domainSchema>;

export type RdapObject = Domain | Nameserver | Entity | IpNetwork | Autnum;
export type ObjectClassName = RdapObject["objectClassName"];
export const OBJECT_CLASS_NAMES = ["domain", "nameserver", "entity", "ip network", "autnum"] as const;

export const rdapErrorSchema = z.object({
  errorCode: z.number().int(),
  title: z.string().optional(),
  description: z.array(z.string()),
});
export type RdapError = z.infer<typeof rdapErrorSchema>;

export const SEARCH_RESULT_MEMBERS = {
  domainSearchResults: "domain",
  nameserverSearchResults: "nameserver",
  entitySearchResults: "entity",
  ipSearchResults: "ip network",
  autnumSearchResults: "autnum",
} as const;
export type SearchResultMember = keyof typeof SEARCH_RESULT_MEMBERS;

/** Members that only the top of a response carries (RFC 9083 §4.1, §4.3, RFC 8977, RFC 8982). */
export const topLevelSchema = z.object({
  rdapConformance: z.array(z.string()),
  notices: z.array(noticeSchema),
  lang: z.string().optional(),
  sorting: sortingMetadataSchema.optional(),
  paging: pagingMetadataSchema.optional(),
  subsetting: subsettingMetadataSchema.optional(),
  redacted: z.array(redactionSchema),
});
export type TopLevel = z.infer<typeof topLevelSchema>;
