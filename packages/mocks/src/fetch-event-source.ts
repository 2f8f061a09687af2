/**
 * A minimal EventSource on top of fetch, for environments without one (Node 20, jsdom) so that
 * tRPC's httpSubscriptionLink can run against the MSW handlers in tests:
 * `httpSubscriptionLink({ url, EventSource: FetchEventSource })` or `globalThis.EventSource ??= FetchEventSource`.
 * It parses `event:`, `data:` and `id:` fields, dispatches `open`, named events and `message`, and does not reconnect.
 */
type Listener = (event: MessageEventLike | { type: string }) => void;

export interface MessageEventLike {
  type: string;
  data: string;
  lastEventId: string;
}

export class FetchEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  readonly url: string;
  readonly withCredentials: boolean;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly abort = new AbortController();

  constructor(url: string | URL, init?: { withCredentials?: boolean }) {
    this.url = new URL(
      String(url),
      (globalThis as { location?: { href: string } }).location?.href ?? "http://localhost/",
    ).href;
    this.withCredentials = init?.withCredentials ?? false;
    void this.run();
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = this.CLOSED;
    this.abort.abort();
  }

  private dispatch(type: string, event: MessageEventLike | { type: string }): void {
    for (const l of [...(this.listeners.get(type) ?? [])]) l(event);
  }

  private async run(): Promise<void> {
    try {
      const res = await fetch(this.url, {
        headers: { accept: "text/event-stream" },
        signal: this.abort.signal,
        credentials: this.withCredentials ? "include" : "same-origin",
      });
      if (!res.ok || !res.body || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
        throw new Error(`EventSource: bad response ${res.status}`);
      }
      if (this.readyState === this.CLOSED) return;
      this.readyState = this.OPEN;
      this.dispatch("open", { type: "open" });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let lastEventId = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.search(/\r?\n\r?\n/);
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          let type = "message";
          const data: string[] = [];
          for (const line of block.split(/\r?\n/)) {
            if (!line || line.startsWith(":")) continue;
            const i = line.indexOf(":");
            const field = i < 0 ? line : line.slice(0, i);
            const val = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
            if (field === "event") type = val;
            else if (field === "data") data.push(val);
            else if (field === "id") lastEventId = val;
          }
          if (data.length > 0 && this.readyState !== this.CLOSED) {
            this.dispatch(type, { type, data: data.join("\n"), lastEventId });
          }
          end = buffer.search(/\r?\n\r?\n/);
        }
      }
      if (this.readyState !== this.CLOSED) {
        this.readyState = this.CLOSED;
        this.dispatch("error", { type: "error" });
      }
    } catch {
      if (this.readyState === this.CLOSED) return;
      this.readyState = this.CLOSED;
      this.dispatch("error", { type: "error" });
    }
  }
}
