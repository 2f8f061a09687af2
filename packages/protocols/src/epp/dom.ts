/** Strict, path-aware accessors over parsed XML, used by every EPP decoder. */
import { fail } from "./errors";
import { attribute, elementChildren, textContent, type XmlElement } from "./xml";

export class Node {
  constructor(
    readonly el: XmlElement,
    readonly path: string,
  ) {}

  get name(): string {
    return this.el.name;
  }
  get ns(): string | null {
    return this.el.ns;
  }

  children(ns?: string, name?: string): Node[] {
    return elementChildren(this.el)
      .filter((c) => (ns === undefined || c.ns === ns) && (name === undefined || c.name === name))
      .map((c) => new Node(c, `${this.path}/${c.prefix ? `${c.prefix}:` : ""}${c.name}`));
  }

  opt(ns: string, name: string): Node | undefined {
    return this.children(ns, name)[0];
  }

  req(ns: string, name: string): Node {
    const n = this.opt(ns, name);
    if (!n) fail("missing-element", `<${name}> is required`, this.el, this.path);
    return n;
  }

  /** Exactly one child element, whatever it is (command verbs, resData, …). */
  only(what: string): Node {
    const c = this.children();
    if (c.length !== 1 || !c[0])
      fail(
        c.length === 0 ? "missing-element" : "unexpected-element",
        `expected exactly one ${what}`,
        this.el,
        this.path,
      );
    return c[0];
  }

  text(): string {
    return textContent(this.el).trim();
  }

  /** Text of a required child (token-like values: surrounding white space dropped). */
  reqText(ns: string, name: string): string {
    return this.req(ns, name).text();
  }
  optText(ns: string, name: string): string | undefined {
    return this.opt(ns, name)?.text();
  }
  texts(ns: string, name: string): string[] {
    return this.children(ns, name).map((c) => c.text());
  }

  attr(name: string): string | undefined {
    return attribute(this.el, name);
  }
  reqAttr(name: string): string {
    const v = this.attr(name);
    if (v === undefined) fail("missing-element", `attribute ${name} is required`, this.el, this.path);
    return v;
  }

  /** An attribute (or text) restricted to a closed set of values. */
  oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
    if (!(allowed as readonly string[]).includes(value)) {
      fail(
        "bad-value",
        `${what} "${value.slice(0, 60)}" is not one of ${allowed.join(", ")}`,
        this.el,
        this.path,
      );
    }
    return value as T;
  }

  int(value: string, what: string, min: number, max: number): number {
    const n = /^[+]?[0-9]{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max))
      fail(
        "bad-value",
        `${what} "${value.slice(0, 60)}" is not an integer in ${min}..${max}`,
        this.el,
        this.path,
      );
    return n;
  }

  bool(value: string, what: string): boolean {
    if (value === "1" || value === "true") return true;
    if (value === "0" || value === "false") return false;
    return fail("bad-value", `${what} "${value.slice(0, 60)}" is not a boolean`, this.el, this.path);
  }
}

export function isoOrUndefined(s: string | undefined): string | undefined {
  return s === undefined || s === "" ? undefined : s;
}
