/**
 * Every route of the web app, and how the layout spec reaches a concrete page for it. The keys are
 * the router's path patterns; apps/web/src/layout-routes.test.tsx fails when the router has a route
 * this list lacks (or this list one the router lost), so a new page is checked without anyone
 * remembering to add it. Detail pages are reached through a link on a list page (the demo's ids are
 * not fixed); `states` add pages whose worst case needs input (a long message in the composer).
 */
export interface RouteVisit {
  /** The page to open, or the list page that links to it (with `link`). */
  path: string;
  /** A link on `path` whose href (path and query) matches: the page to check. */
  link?: RegExp;
  /** Logged out (the login page). */
  loggedOut?: boolean;
  /** Something to type before the check: [label, text]. */
  fill?: [label: string, text: string];
  /** Buttons whose first match must lie within the viewport's width (not scrolled off in a table). */
  onScreen?: RegExp[];
}

/** What an operator does to an alert from a list: reachable without scrolling sideways on a phone. */
const ALERT_ACTIONS = [/^Acknowledge/, /^Resolve/];

/** The 255-octet word of the demo's BGP capture (RFC 9003's longest message, without a space). */
const LONG_WORD = `L255-${"abcdefghij".repeat(25)}`;

export const LAYOUT_ROUTES: Record<string, RouteVisit> = {
  "/login": { path: "/login", loggedOut: true },
  "/oncall": { path: "/oncall" },
  "/": { path: "/", onScreen: ALERT_ACTIONS },
  "/alerts": { path: "/alerts", onScreen: ALERT_ACTIONS },
  "/alerts/silences": { path: "/alerts/silences" },
  "/alerts/:id": { path: "/alerts", link: /^\/alerts\/\d+$/ },
  "/registry": { path: "/registry" },
  "/registry/hosts/:connectionId/:name": { path: "/registry", link: /^\/registry\/hosts\/[^/?]+\/[^/?]+$/ },
  "/registry/domains": { path: "/registry/domains" },
  "/registry/poll": { path: "/registry/poll" },
  "/registry/transcript": { path: "/registry/transcript" },
  "/registry/connections": { path: "/registry/connections" },
  "/rdap": { path: "/rdap" },
  "/dns": { path: "/dns" },
  "/dns/:id": { path: "/dns", link: /^\/dns\/[^/?#]+$/ },
  "/dhcp": { path: "/dhcp" },
  "/dhcp/leases/:id": { path: "/dhcp", link: /^\/dhcp\/leases\/[^/?#]+/ },
  "/bgp": { path: "/bgp" },
  "/bgp/events/:id": { path: "/bgp?q=L255", link: /^\/bgp\/events\/[^/?#]+$/ },
  "/bgp/session": { path: "/bgp?q=L255", link: /^\/bgp\/session\?/ },
  "/bgp/compose": { path: "/bgp/compose", fill: ["Shutdown communication", LONG_WORD] },
  "/rserpool": { path: "/rserpool" },
  "/search": { path: "/search?q=lab" },
  "/timeline": { path: "/timeline" },
  "/ip/:value": { path: "/ip/198.18.20.10" },
  "/prefix/*": { path: "/prefix/198.18.0.0/15" },
  "/mac/:value": { path: "/mac/00:00:5e:00:53:01" },
  "/name/:value": { path: "/name/lab.example." },
  "/as/:value": { path: "/as/65005" },
  "/settings": { path: "/settings" },
  "/settings/account": { path: "/settings/account" },
  "/settings/tokens": { path: "/settings/tokens" },
  "/settings/users": { path: "/settings/users" },
  "/settings/webhooks": { path: "/settings/webhooks" },
  "/settings/audit": { path: "/settings/audit" },
  "/settings/system": { path: "/settings/system" },
  "/settings/replicas": { path: "/settings/replicas" },
  "*": { path: "/no-such-page" },
};

/** More pages that are not routes of their own: states a route can be in. */
export const LAYOUT_STATES: Record<string, RouteVisit> = {
  "alerts-not-found": { path: "/alerts/999999" },
  "bgp-compose-empty": { path: "/bgp/compose" },
};
