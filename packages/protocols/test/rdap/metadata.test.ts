import { describe, expect, it } from "vitest";
import { parseRdapResponse, summarizeMetadata } from "../../src/rdap/index";

// No RFC 8977/8982 response exists as a data file (testdata/README.md); these follow the
// examples of RFC 8977 §2.3.1/§2.4.1 (sorting_metadata, paging_metadata) and RFC 8982 §4.
const base = "https://example.com/rdap/domains?name=example*.com";
const rfc8977 = {
  rdapConformance: ["rdap_level_0", "sorting", "paging", "subsetting"],
  notices: [
    {
      title: "Search query limits",
      type: "result set truncated due to excessive load",
      description: ["search results are limited to 10 per page"],
    },
  ],
  sorting_metadata: {
    currentSort: "registrationDate:d",
    availableSorts: [
      {
        property: "registrationDate",
        jsonPath: '$.domainSearchResults[*].events[?(@.eventAction=="registration")].eventDate',
        default: false,
        links: [
          {
            value: base,
            rel: "alternate",
            href: `${base}&sort=registrationDate`,
            title: "Result Ascending Sort Link",
            type: "application/rdap+json",
          },
        ],
      },
      {
        property: "lockedDate",
        jsonPath: '$.domainSearchResults[*].events[?(@.eventAction=="locked")].eventDate',
        default: false,
        links: [],
      },
      { property: "name", jsonPath: "$.domainSearchResults[*].ldhName", default: true },
    ],
  },
  paging_metadata: {
    totalCount: 73,
    pageSize: 2,
    pageNumber: 1,
    links: [
      {
        value: base,
        rel: "next",
        href: `${base}&cursor=wJlCDLIl6KTWypN7T6vc6nWEmEYe99Hjf1XY1xmqV-M=`,
        title: "Result Pagination Link",
        type: "application/rdap+json",
      },
    ],
  },
  subsetting_metadata: {
    currentFieldSet: "brief",
    availableFieldSets: [
      {
        name: "id",
        description: "Contains the identifier of each object",
        default: false,
        links: [
          {
            value: base,
            rel: "alternate",
            href: `${base}&fieldSet=id`,
            title: "Result Subset Link",
            type: "application/rdap+json",
          },
        ],
      },
      { name: "brief", description: "The object class name, identifier, status", default: true, links: [] },
      { name: "full", description: "All fields", default: false, links: [] },
    ],
  },
  domainSearchResults: [
    {
      objectClassName: "domain",
      handle: "1-XXXX",
      ldhName: "example1.com",
      links: [
        {
          value: base,
          rel: "self",
          href: "https://example.com/rdap/domain/example1.com",
          type: "application/rdap+json",
        },
      ],
    },
    { objectClassName: "domain", handle: "2-XXXX", ldhName: "example2.com", links: [] },
  ],
};

describe("RFC 8977 sorting and paging, RFC 8982 subsetting", () => {
  it("reads current sort, total count, page links and current field set", () => {
    const r = parseRdapResponse(rfc8977);
    if (!r.ok) throw new Error(r.reason);
    expect(summarizeMetadata(r.response)).toEqual({
      resultCount: 2,
      currentSort: "registrationDate:d",
      availableSorts: ["registrationDate", "lockedDate", "name"],
      totalCount: 73,
      pageSize: 2,
      pageNumber: 1,
      pages: { next: `${base}&cursor=wJlCDLIl6KTWypN7T6vc6nWEmEYe99Hjf1XY1xmqV-M=` },
      currentFieldSet: "brief",
      availableFieldSets: ["id", "brief", "full"],
    });
    // The RFC example's availableSorts entry without links is still a sort.
    expect(r.response.top.sorting?.availableSorts[2]).toEqual({
      property: "name",
      jsonPath: "$.domainSearchResults[*].ldhName",
      default: true,
      links: [],
    });
    expect(r.response.findings).toEqual([]);
  });

  it("reports metadata that contradicts itself or the response", () => {
    const bad = {
      ...rfc8977,
      rdapConformance: ["rdap_level_0"],
      sorting_metadata: {
        currentSort: "expirationDate",
        availableSorts: [
          { property: "name", default: true },
          { property: "x", default: true },
        ],
      },
      paging_metadata: {
        totalCount: -1,
        pageSize: 1,
        links: [{ href: "https://example.com/p2", value: "x", rel: "nextPage" }],
      },
      subsetting_metadata: { currentFieldSet: "tiny", availableFieldSets: [{ name: "id" }] },
    };
    const r = parseRdapResponse(bad);
    if (!r.ok) throw new Error(r.reason);
    const c = r.response.findings.map((f) => f.code);
    expect(c).toEqual(
      expect.arrayContaining([
        "sorting.currentSort",
        "sorting.default",
        "paging.totalCount",
        "paging.links",
        "paging.pageSize",
        "subsetting.default",
        "subsetting.currentFieldSet",
        "extension.undeclared",
      ]),
    );
    expect(r.response.top.paging?.totalCount).toBeUndefined();
    expect(parseRdapResponse({ ...rfc8977, subsetting_metadata: { availableFieldSets: [] } }).ok).toBe(true);
  });
});
