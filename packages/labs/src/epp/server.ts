/**
 * The LAB EPP registry: RFC 5734 (TLS, 4-octet length framing) on loopback, with a CA it
 * generates, sessions per RFC 5730 (greeting, login with client id, password AND client
 * certificate, hello, logout) and the object commands of ./registry. A real server on real
 * sockets so the console's EPP client runs through its production code; NOT a real registry.
 */
import path from "node:path";
import type { AddressInfo, Socket } from "node:net";
import { createServer, type Server, type TLSSocket } from "node:tls";
import {
  decodeEpp,
  EppDecodeError,
  type EppFrame,
  EppFrameReader,
  EppFramingError,
  encodeEpp,
  encodeFrame,
  type Greeting,
  type LoginCommand,
  NS,
  XmlError,
} from "@netops/protocols/epp";
import { ensureLabPki, type LabCertPair, type LabPki } from "./ca";
import { executeCommand } from "./registry";
import { type Reply, refuse } from "./reply";
import { LabStore } from "./store";

export const LAB_SV_ID = "NetOps LAB EPP registry (not a real registry)";

export interface LabEppOptions {
  /** Folder for the SQLite file and the generated CA/certificates. */
  dataDir: string;
  /** 0 (default): any free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Suffixes the lab is authoritative for (domains are registered one label below). */
  zones?: string[];
  /** The session is closed after this long without a frame (RFC 5734 §2 lets servers do so). */
  idleTimeoutMs?: number;
  maxFrameBytes?: number;
  /** Objects offered in the greeting (tests use this to offer a greeting without hosts). */
  objURIs?: string[];
  maxSessionsPerClient?: number;
  log?: (line: string) => void;
}

export interface LabEppServer {
  port: number;
  pki: LabPki;
  store: LabStore;
  /** Registers (or re-keys) a registrar; returns its client certificate. */
  addClient(id: string, password: string): LabCertPair;
  /** A server message into a client's poll queue (e.g. maintenance notices). */
  enqueueServerMessage(clID: string, text: string): number;
  stop(): Promise<void>;
}

const MAX_LOGIN_FAILURES = 3;

function greeting(objURIs: string[]): Greeting {
  return {
    svID: LAB_SV_ID,
    svDate: new Date().toISOString(),
    versions: ["1.0"],
    langs: ["en"],
    objURIs,
    extURIs: [],
    dcp: {
      access: "all",
      statements: [{ purposes: ["admin", "prov"], recipients: ["ours", "public"], retention: "stated" }],
    },
  };
}

export async function startLabEppServer(opts: LabEppOptions): Promise<LabEppServer> {
  const pki = ensureLabPki(path.join(opts.dataDir, "pki"));
  const store = new LabStore(path.join(opts.dataDir, "lab-registry.sqlite"));
  const zones = opts.zones ?? ["example"];
  const objURIs = opts.objURIs ?? [NS.host, NS.domain, NS.contact];
  const idleMs = opts.idleTimeoutMs ?? 600_000;
  const maxFrame = opts.maxFrameBytes ?? 65_536;
  const maxSessions = opts.maxSessionsPerClient ?? 4;
  const log = opts.log ?? (() => {});
  const sessions = new Map<string, number>();
  let svTRID = 0;

  const server: Server = createServer({
    cert: pki.server.cert,
    key: pki.server.key,
    ca: [pki.caCert],
    minVersion: "TLSv1.2",
    // The certificate is checked at <login> (matched to the client id), so a client without one
    // still gets an EPP answer saying why instead of a bare handshake failure.
    requestCert: true,
    rejectUnauthorized: false,
  });

  const connections = new Set<Socket>();
  server.on("connection", (raw: Socket) => {
    connections.add(raw);
    raw.on("close", () => connections.delete(raw));
  });

  server.on("secureConnection", (socket: TLSSocket) => {
    const reader = new EppFrameReader(maxFrame);
    let clID: string | null = null;
    let failures = 0;
    let closing = false;
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setTimeout(idleMs, () => {
      log(`${peer}: idle for ${idleMs} ms, closing`);
      socket.end();
    });
    const send = (f: EppFrame) => {
      if (!socket.writable) return;
      socket.write(encodeFrame(encodeEpp(f), maxFrame));
    };
    const respond = (r: Reply, clTRID: string | undefined) => {
      svTRID += 1;
      const trID = {
        svTRID: `LAB-${Date.now().toString(36)}-${svTRID}`,
        ...(clTRID !== undefined && { clTRID }),
      };
      send({
        type: "response",
        response: {
          results: [{ code: r.code, msg: r.msg, values: [], extValues: [] }],
          resData: r.resData,
          extensions: [],
          trID,
          ...(r.msgQ && { msgQ: r.msgQ }),
        },
      });
    };
    const close = () => {
      closing = true;
      socket.end();
    };

    const login = (c: LoginCommand, clTRID: string | undefined) => {
      if (clID !== null) return respond(refuse(2002, "already logged in"), clTRID);
      if (c.version !== "1.0") return respond(refuse(2100, `version ${c.version}`), clTRID);
      const unknown = c.objURIs.find((u) => !objURIs.includes(u));
      if (unknown) return respond(refuse(2307, `${unknown} is not offered`), clTRID);
      if (c.extURIs.length > 0) return respond(refuse(2103, `${c.extURIs[0]} is not offered`), clTRID);
      const cert = socket.authorized ? socket.getPeerCertificate().fingerprint256 : null;
      const verdict = store.checkClient(c.clID, c.pw, cert);
      if (verdict !== "ok") {
        failures += 1;
        const why =
          verdict === "password"
            ? "unknown client id or wrong password"
            : cert === null
              ? `no client certificate issued by the lab CA (${socket.authorizationError ?? "none sent"})`
              : "the client certificate is not the one registered for this client id";
        log(`${peer}: login ${c.clID} refused: ${why}`);
        if (failures >= MAX_LOGIN_FAILURES) {
          respond(refuse(2501, why), clTRID);
          return close();
        }
        return respond(refuse(2200, why), clTRID);
      }
      if ((sessions.get(c.clID) ?? 0) >= maxSessions) {
        respond(refuse(2502, `${c.clID} already has ${maxSessions} sessions`), clTRID);
        return close();
      }
      if (c.newPW !== undefined) store.setClientPassword(c.clID, c.newPW);
      clID = c.clID;
      sessions.set(clID, (sessions.get(clID) ?? 0) + 1);
      log(`${peer}: ${clID} logged in`);
      respond({ code: 1000, msg: "Command completed successfully", resData: [] }, clTRID);
    };

    const handle = (doc: Uint8Array) => {
      let frame: EppFrame;
      try {
        frame = decodeEpp(doc);
      } catch (e) {
        if (e instanceof XmlError || e instanceof EppDecodeError)
          return respond(refuse(2001, e.message), undefined);
        throw e;
      }
      if (frame.type === "hello") return send({ type: "greeting", greeting: greeting(objURIs) });
      if (frame.type !== "command")
        return respond(refuse(2001, `a client does not send <${frame.type}>`), undefined);
      const { command: c, clTRID } = frame;
      if (c.cmd === "login") return login(c, clTRID);
      if (clID === null) return respond(refuse(2002, "log in first"), clTRID);
      if (c.cmd === "logout") {
        respond({ code: 1500, msg: "Command completed successfully; ending session", resData: [] }, clTRID);
        return close();
      }
      let r: Reply;
      try {
        r = executeCommand(store, c, { clID, zones, now: new Date().toISOString() });
      } catch (e) {
        log(`${peer}: command failed: ${(e as Error).message}`);
        r = refuse(2400, "internal error in the lab registry");
      }
      respond(r, clTRID);
    };

    socket.on("data", (chunk: Buffer) => {
      if (closing) return;
      try {
        for (const doc of reader.push(chunk)) {
          if (closing) break;
          handle(doc);
        }
      } catch (e) {
        // A framing error leaves the stream unsynchronised: nothing to do but drop the session.
        log(`${peer}: ${e instanceof EppFramingError ? e.message : (e as Error).message}; closing`);
        socket.destroy();
      }
    });
    socket.on("error", (e) => log(`${peer}: ${e.message}`));
    socket.on("close", () => {
      if (clID !== null) sessions.set(clID, Math.max(0, (sessions.get(clID) ?? 1) - 1));
    });
    send({ type: "greeting", greeting: greeting(objURIs) });
  });
  server.on("tlsClientError", (e) => log(`TLS handshake failed: ${e.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log(`LAB EPP registry listening on 127.0.0.1:${port} (zones ${zones.join(", ")})`);

  return {
    port,
    pki,
    store,
    addClient(id, password) {
      const c = pki.client(id);
      store.upsertClient(id, password, c.fingerprint256);
      return c;
    },
    enqueueServerMessage: (clID, text) => store.enqueue(clID, text, new Date().toISOString()),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        // Open sessions would keep close() waiting; the lab has nothing to flush.
        for (const s of connections) s.destroy();
      }),
  };
}
