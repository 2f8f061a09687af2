import { fromBase64, fromHex, unescapeText } from "../encoding";
import { EncodeError, MAX_CHARSTRING_OCTETS } from "../errors";
import type { Entry } from "../lexer";
import { type NameContext, writeName } from "../names";
import type { ByteWriter } from "../writer";

/**
 * Reads RDATA tokens of one entry. Encoders throw EncodeError; `pos` tells the parser which
 * token was being read so it can report the column.
 */
export class TokenCursor {
  pos = 0;
  end = 0;
  entry!: Entry;
  ctx!: NameContext;
  /** Name of the RR type being encoded, for messages. */
  typeName = "";

  reset(entry: Entry, start: number, ctx: NameContext, typeName: string): void {
    this.entry = entry;
    this.pos = start;
    this.end = entry.count;
    this.ctx = ctx;
    this.typeName = typeName;
  }

  get more(): boolean {
    return this.pos < this.end;
  }

  peek(): string | undefined {
    return this.pos < this.end ? this.entry.texts[this.pos] : undefined;
  }

  peekQuoted(): boolean {
    return this.pos < this.end && this.entry.quoted[this.pos] === true;
  }

  next(what: string): string {
    if (this.pos >= this.end) {
      throw new EncodeError(`${this.typeName}: missing ${what}`);
    }
    return this.entry.texts[this.pos++]!;
  }

  /** Unquoted token (quoting a number or a name is not allowed). */
  word(what: string): string {
    const q = this.peekQuoted();
    const t = this.next(what);
    if (q) {
      this.pos--;
      throw new EncodeError(`${this.typeName}: ${what} must not be quoted`);
    }
    return t;
  }

  /** Concatenation of all remaining tokens (base64 / hex may be split by whitespace). */
  rest(what: string, allowEmpty = false): string {
    if (this.pos >= this.end) {
      if (allowEmpty) return "";
      throw new EncodeError(`${this.typeName}: missing ${what}`);
    }
    let s = "";
    while (this.pos < this.end) s += this.entry.texts[this.pos++]!;
    return s;
  }

  done(): void {
    if (this.pos < this.end) {
      throw new EncodeError(`${this.typeName}: unexpected extra data '${clip(this.entry.texts[this.pos]!)}'`);
    }
  }

  /** Moves back one token so an error points at the token just consumed. */
  back(): void {
    if (this.pos > 0) this.pos--;
  }

  uint(what: string, max: number): number {
    const t = this.word(what);
    const v = parseUint(t, max);
    if (v < 0) {
      this.back();
      throw new EncodeError(`${this.typeName}: invalid ${what} '${clip(t)}' (0..${max})`);
    }
    return v;
  }

  u8(w: ByteWriter, what: string): number {
    const v = this.uint(what, 0xff);
    w.u8(v);
    return v;
  }

  u16(w: ByteWriter, what: string): number {
    const v = this.uint(what, 0xffff);
    w.u16(v);
    return v;
  }

  u32(w: ByteWriter, what: string): number {
    const v = this.uint(what, 0xffffffff);
    w.u32(v);
    return v;
  }

  name(w: ByteWriter, what: string, lower: boolean): void {
    const t = this.word(what);
    try {
      writeName(w, t, this.ctx, lower);
    } catch (err) {
      this.back();
      throw err;
    }
  }

  /** RFC 1035 <character-string>: length octet + up to 255 octets. */
  charString(w: ByteWriter, what: string): void {
    const t = this.next(what);
    const bytes = this.unescape(t);
    if (bytes.length > MAX_CHARSTRING_OCTETS) {
      this.back();
      throw new EncodeError(`${this.typeName}: ${what} longer than 255 octets (${bytes.length})`, "limit");
    }
    w.u8(bytes.length);
    w.bytes(bytes);
  }

  /** Unescaped octets of the next token, without a length prefix. */
  unescape(t: string): number[] {
    try {
      return unescapeText(t, this.ctx.latin1);
    } catch (err) {
      this.back();
      throw err;
    }
  }

  base64(w: ByteWriter, what: string, allowEmpty = false): void {
    const start = this.pos;
    const s = this.rest(what, allowEmpty);
    if (s === "-" && allowEmpty) return;
    try {
      w.bytes(fromBase64(s, `${this.typeName} ${what}`));
    } catch (err) {
      this.pos = start;
      throw err;
    }
  }

  hex(w: ByteWriter, what: string, allowEmpty = false): number {
    const start = this.pos;
    const s = this.rest(what, allowEmpty);
    try {
      const b = fromHex(s, `${this.typeName} ${what}`);
      w.bytes(b);
      return b.length;
    } catch (err) {
      this.pos = start;
      throw err;
    }
  }
}

/** Decimal without sign or exponent; -1 when invalid or above max. */
export function parseUint(t: string, max: number): number {
  const n = t.length;
  if (n === 0 || n > 10) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v <= max ? v : -1;
}

export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
