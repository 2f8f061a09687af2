/** One frame of every kind we produce, with realistic values (RFC 5730–5733/5910 example data). */
import type { EppFrame, EppResponse, ResData } from "../../src/epp";
import { NS } from "../../src/epp";

const tr = { clTRID: "ABC-12345", svTRID: "54322-XYZ" };
const ok = (resData: ResData[], extra: Partial<EppResponse> = {}): EppFrame => ({
  type: "response",
  response: {
    results: [{ code: 1000, msg: "Command completed successfully", values: [], extValues: [] }],
    resData,
    extensions: [],
    trID: tr,
    ...extra,
  },
});
const cmd = (
  command: Extract<EppFrame, { type: "command" }>["command"],
  extensions: Extract<EppFrame, { type: "command" }>["extensions"] = [],
): EppFrame => ({
  type: "command",
  command,
  extensions,
  clTRID: "ABC-12345",
});

export const CATALOGUE: Record<string, EppFrame> = {
  greeting: {
    type: "greeting",
    greeting: {
      svID: "NetOps lab registry",
      svDate: "2026-11-21T06:00:00.0Z",
      versions: ["1.0"],
      langs: ["en", "fr"],
      objURIs: [NS.host, NS.domain, NS.contact],
      extURIs: [NS.secDNS],
      dcp: {
        access: "all",
        statements: [
          { purposes: ["admin", "prov"], recipients: ["ours", "public"], retention: "stated" },
          { purposes: ["other"], recipients: ["unrelated"], retention: "none" },
        ],
        expiry: { relative: "P1M" },
      },
    },
  },
  "greeting-absolute-expiry": {
    type: "greeting",
    greeting: {
      svID: "Example EPP server epp.example.com",
      svDate: "2026-11-21T06:00:00Z",
      versions: ["1.0"],
      langs: ["en"],
      objURIs: [NS.host],
      extURIs: [],
      dcp: {
        access: "personalAndOther",
        statements: [{ purposes: ["prov"], recipients: ["ours"], retention: "business" }],
        expiry: { absolute: "2027-01-01T00:00:00Z" },
      },
    },
  },
  hello: { type: "hello" },
  login: cmd({
    cmd: "login",
    clID: "ClientX",
    pw: "foo-BAR2",
    newPW: "bar-FOO2",
    version: "1.0",
    lang: "en",
    objURIs: [NS.host, NS.domain],
    extURIs: [NS.secDNS],
  }),
  "login-no-ext": cmd({
    cmd: "login",
    clID: "ClientX",
    pw: "foo-BAR2",
    version: "1.0",
    lang: "en",
    objURIs: [NS.host],
    extURIs: [],
  }),
  logout: cmd({ cmd: "logout" }),
  "poll-req": cmd({ cmd: "poll", op: "req" }),
  "poll-ack": cmd({ cmd: "poll", op: "ack", msgID: "12345" }),
  "host-check": cmd({ cmd: "host:check", names: ["ns1.example.com", "ns2.example.com", "ns3.example.com"] }),
  "host-info": cmd({ cmd: "host:info", name: "ns1.example.com" }),
  "host-create": cmd({
    cmd: "host:create",
    name: "ns1.example.com",
    addrs: [
      { ip: "v4", address: "192.0.2.2" },
      { ip: "v4", address: "192.0.2.29" },
      { ip: "v6", address: "1080:0:0:0:8:800:200C:417A" },
    ],
  }),
  "host-create-external": cmd({ cmd: "host:create", name: "ns1.example.net", addrs: [] }),
  "host-update": cmd({
    cmd: "host:update",
    name: "ns1.example.com",
    add: { addrs: [{ ip: "v4", address: "192.0.2.22" }], statuses: [{ s: "clientUpdateProhibited" }] },
    rem: {
      addrs: [{ ip: "v6", address: "1080:0:0:0:8:800:200C:417A" }],
      statuses: [{ s: "clientDeleteProhibited", lang: "en", text: "no longer" }],
    },
    newName: "ns2.example.com",
  }),
  "host-update-chg-only": cmd({
    cmd: "host:update",
    name: "ns1.example.com",
    add: { addrs: [], statuses: [] },
    rem: { addrs: [], statuses: [] },
    newName: "ns9.example.com",
  }),
  "host-delete": cmd({ cmd: "host:delete", name: "ns1.example.com" }),
  "domain-check": cmd({ cmd: "domain:check", names: ["example.com", "example.net"] }),
  "domain-info": cmd({ cmd: "domain:info", name: "example.com", hosts: "all", authInfo: { pw: "2fooBAR" } }),
  "domain-info-sub": cmd({ cmd: "domain:info", name: "example.com", hosts: "sub" }),
  "domain-create": cmd(
    {
      cmd: "domain:create",
      name: "example.com",
      period: { value: 2, unit: "y" },
      ns: { hostObj: ["ns1.example.net", "ns2.example.net"] },
      registrant: "jd1234",
      contacts: [
        { type: "admin", id: "sh8013" },
        { type: "tech", id: "sh8013" },
      ],
      authInfo: { pw: "2fooBAR" },
    },
    [
      {
        kind: "secDNS:create",
        data: {
          maxSigLife: 604800,
          dsData: [{ keyTag: 12345, alg: 3, digestType: 1, digest: "49FD46E6C4B45C55D4AC" }],
          keyData: [],
        },
      },
    ],
  ),
  "domain-create-hostattr": cmd({
    cmd: "domain:create",
    name: "example.com",
    ns: {
      hostAttr: [
        {
          name: "ns1.example.com",
          addrs: [
            { ip: "v4", address: "192.0.2.2" },
            { ip: "v6", address: "2001:db8::53" },
          ],
        },
        { name: "ns2.example.net", addrs: [] },
      ],
    },
    contacts: [],
    authInfo: { pw: "2fooBAR", roid: "SH8013-REP" },
  }),
  "domain-update": cmd({
    cmd: "domain:update",
    name: "example.com",
    add: {
      ns: { hostObj: ["ns2.example.com"] },
      contacts: [{ type: "tech", id: "mak21" }],
      statuses: [{ s: "clientHold", lang: "en", text: "Payment overdue." }],
    },
    rem: {
      ns: { hostObj: ["ns1.example.com"] },
      contacts: [{ type: "tech", id: "sh8013" }],
      statuses: [{ s: "clientUpdateProhibited" }],
    },
    chg: { registrant: "sh8013", authInfo: { pw: "2BARfoo" } },
  }),
  "domain-renew": cmd({
    cmd: "domain:renew",
    name: "example.com",
    curExpDate: "2000-04-03",
    period: { value: 5, unit: "y" },
  }),
  "domain-delete": cmd({ cmd: "domain:delete", name: "example.com" }),
  "domain-transfer-query": cmd({
    cmd: "domain:transfer",
    op: "query",
    name: "example.com",
    authInfo: { pw: "2fooBAR", roid: "JD1234-REP" },
  }),
  "contact-check": cmd({ cmd: "contact:check", ids: ["sh8013", "sah8013", "8013sah"] }),
  "contact-info": cmd({ cmd: "contact:info", id: "sh8013", authInfo: { pw: "2fooBAR" } }),

  "resp-login": ok([]),
  "resp-logout": {
    type: "response",
    response: {
      results: [
        { code: 1500, msg: "Command completed successfully; ending session", values: [], extValues: [] },
      ],
      resData: [],
      extensions: [],
      trID: tr,
    },
  },
  "resp-error-values": {
    type: "response",
    response: {
      results: [
        {
          code: 2004,
          msg: "Parameter value range error",
          lang: "en",
          values: ['<host:addr xmlns:host="urn:ietf:params:xml:ns:host-1.0" ip="v4">999.0.2.2</host:addr>'],
          extValues: [
            {
              value: '<host:name xmlns:host="urn:ietf:params:xml:ns:host-1.0">ns1.example.com</host:name>',
              reason: "Host exists",
            },
          ],
        },
        { code: 2005, msg: "Parameter value syntax error", values: [], extValues: [] },
      ],
      resData: [],
      extensions: [],
      trID: { svTRID: "54322-XYZ" },
    },
  },
  "resp-host-check": ok([
    {
      kind: "host:chkData",
      items: [
        { name: "ns1.example.com", avail: true },
        { name: "ns2.example2.com", avail: false, reason: "In use" },
      ],
    },
  ]),
  "resp-host-info": ok([
    {
      kind: "host:infData",
      host: {
        name: "ns1.example.com",
        roid: "NS1_EXAMPLE1-REP",
        statuses: [{ s: "linked" }, { s: "clientUpdateProhibited" }],
        addrs: [
          { ip: "v4", address: "192.0.2.2" },
          { ip: "v6", address: "1080:0:0:0:8:800:200C:417A" },
        ],
        clID: "ClientY",
        crID: "ClientX",
        crDate: "1999-04-03T22:00:00.0Z",
        upID: "ClientX",
        upDate: "1999-12-03T09:00:00.0Z",
        trDate: "2000-04-08T09:00:00.0Z",
      },
    },
  ]),
  "resp-host-create": ok([
    { kind: "host:creData", name: "ns1.example.com", crDate: "1999-04-03T22:00:00.0Z" },
  ]),
  "resp-domain-check": ok([{ kind: "domain:chkData", items: [{ name: "example.com", avail: true }] }]),
  "resp-domain-info": ok(
    [
      {
        kind: "domain:infData",
        domain: {
          name: "example.com",
          roid: "EXAMPLE1-REP",
          statuses: [{ s: "ok" }],
          registrant: "jd1234",
          contacts: [
            { type: "admin", id: "sh8013" },
            { type: "tech", id: "sh8013" },
          ],
          ns: { hostObj: ["ns1.example.com", "ns1.example.net"] },
          hosts: ["ns1.example.com", "ns2.example.com"],
          clID: "ClientX",
          crID: "ClientY",
          crDate: "1999-04-03T22:00:00.0Z",
          upID: "ClientX",
          upDate: "1999-12-03T09:00:00.0Z",
          exDate: "2005-04-03T22:00:00.0Z",
          trDate: "2000-04-08T09:00:00.0Z",
          authInfo: { pw: "2fooBAR" },
        },
      },
    ],
    {
      extensions: [
        {
          kind: "secDNS:infData",
          data: {
            dsData: [
              {
                keyTag: 12345,
                alg: 3,
                digestType: 1,
                digest: "49FD46E6C4B45C55D4AC",
                keyData: { flags: 257, protocol: 3, alg: 1, pubKey: "AQPJ////4Q==" },
              },
            ],
            keyData: [],
          },
        },
      ],
    },
  ),
  "resp-domain-info-hostattr": ok([
    {
      kind: "domain:infData",
      domain: {
        name: "example.com",
        roid: "EXAMPLE1-REP",
        statuses: [{ s: "clientHold", text: "Payment overdue." }],
        contacts: [],
        ns: { hostAttr: [{ name: "ns1.example.com", addrs: [{ ip: "v4", address: "192.0.2.2" }] }] },
        hosts: [],
        clID: "ClientX",
      },
    },
  ]),
  "resp-domain-create": ok([
    {
      kind: "domain:creData",
      name: "example.com",
      crDate: "1999-04-03T22:00:00.0Z",
      exDate: "2001-04-03T22:00:00.0Z",
    },
  ]),
  "resp-domain-renew": ok([
    { kind: "domain:renData", name: "example.com", exDate: "2005-04-03T22:00:00.0Z" },
  ]),
  "resp-domain-transfer": ok([
    {
      kind: "domain:trnData",
      transfer: {
        name: "example.com",
        trStatus: "pending",
        reID: "ClientX",
        reDate: "2000-06-06T22:00:00.0Z",
        acID: "ClientY",
        acDate: "2000-06-11T22:00:00.0Z",
        exDate: "2002-09-08T22:00:00.0Z",
      },
    },
  ]),
  "resp-contact-check": ok([
    {
      kind: "contact:chkData",
      items: [
        { name: "sh8013", avail: true },
        { name: "8013sah", avail: false, reason: "In use" },
      ],
    },
  ]),
  "resp-contact-info": ok([
    {
      kind: "contact:infData",
      contact: {
        id: "sh8013",
        roid: "SH8013-REP",
        statuses: [{ s: "linked" }, { s: "clientDeleteProhibited" }],
        postalInfo: [
          {
            type: "int",
            name: "John Doe",
            org: "Example Inc.",
            street: ["123 Example Dr.", "Suite 100"],
            city: "Dulles",
            sp: "VA",
            pc: "20166-6503",
            cc: "US",
          },
        ],
        voice: "+1.7035555555",
        fax: "+1.7035555556",
        email: "jdoe@example.com",
        clID: "ClientY",
        crID: "ClientX",
        crDate: "1999-04-03T22:00:00.0Z",
        upID: "ClientX",
        upDate: "1999-12-03T09:00:00.0Z",
        authInfo: { pw: "2fooBAR" },
      },
    },
  ]),
  "resp-poll-empty": {
    type: "response",
    response: {
      results: [
        { code: 1300, msg: "Command completed successfully; no messages", values: [], extValues: [] },
      ],
      resData: [],
      extensions: [],
      trID: tr,
    },
  },
  "resp-poll-transfer": {
    type: "response",
    response: {
      results: [
        { code: 1301, msg: "Command completed successfully; ack to dequeue", values: [], extValues: [] },
      ],
      msgQ: { count: 5, id: "12345", qDate: "2000-06-08T22:00:00.0Z", msg: "Transfer requested." },
      resData: [
        {
          kind: "domain:trnData",
          transfer: {
            name: "example.com",
            trStatus: "pending",
            reID: "ClientX",
            reDate: "2000-06-08T22:00:00.0Z",
            acID: "ClientY",
            acDate: "2000-06-13T22:00:00.0Z",
          },
        },
      ],
      extensions: [],
      trID: tr,
    },
  },
  "resp-poll-ack": {
    type: "response",
    response: {
      results: [{ code: 1000, msg: "Command completed successfully", values: [], extValues: [] }],
      msgQ: { count: 4, id: "12345" },
      resData: [],
      extensions: [],
      trID: tr,
    },
  },
  "resp-pending-action": {
    type: "response",
    response: {
      results: [
        { code: 1301, msg: "Command completed successfully; ack to dequeue", values: [], extValues: [] },
      ],
      msgQ: {
        count: 1,
        id: "99",
        qDate: "2000-06-08T22:10:00.0Z",
        msg: "Pending action completed successfully.",
        lang: "en",
      },
      resData: [
        {
          kind: "host:panData",
          data: {
            name: "ns1.example.com",
            paResult: true,
            paTRID: { clTRID: "ABC-12345", svTRID: "54321-XYZ" },
            paDate: "2000-06-08T22:00:00.0Z",
          },
        },
      ],
      extensions: [],
      trID: tr,
    },
  },
};
