/**
 * LAB certificate authority for the lab EPP registry: a self-signed CA, a server certificate for
 * 127.0.0.1/localhost and one client certificate per registrar. Node has no X.509 generation
 * API, so this shells out to Debian's `openssl` (arguments as an array: no shell involved).
 * Files are reused when present, so a restarted lab keeps trusting the console's certificate.
 */
import { execFileSync } from "node:child_process";
import { randomBytes, X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LabCertPair {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
  /** SHA-256 fingerprint as node prints it ("AB:CD:…"). */
  fingerprint256: string;
}

export interface LabPki {
  dir: string;
  caCert: string;
  caFile: string;
  server: LabCertPair;
  /** Client certificate for a registrar id (created on first use, subject CN = client id). */
  client(clientId: string): LabCertPair;
}

function openssl(args: string[]): void {
  try {
    execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim() || err.message}`);
  }
}

function pair(certFile: string, keyFile: string): LabCertPair {
  const cert = readFileSync(certFile, "utf8");
  return {
    cert,
    key: readFileSync(keyFile, "utf8"),
    certFile,
    keyFile,
    fingerprint256: new X509Certificate(cert).fingerprint256,
  };
}

const KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function issue(dir: string, name: string, subject: string, ext: string): LabCertPair {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  if (existsSync(certFile) && existsSync(keyFile)) return pair(certFile, keyFile);
  const csr = path.join(dir, `${name}.csr`);
  const extFile = path.join(dir, `${name}.ext`);
  writeFileSync(extFile, ext);
  try {
    openssl(["req", ...KEY, "-keyout", keyFile, "-out", csr, "-subj", subject]);
    openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      path.join(dir, "ca.crt"),
      "-CAkey",
      path.join(dir, "ca.key"),
      "-set_serial",
      `0x${randomBytes(12).toString("hex")}`,
      "-days",
      "825",
      "-sha256",
      "-extfile",
      extFile,
      "-out",
      certFile,
    ]);
  } finally {
    rmSync(csr, { force: true });
    rmSync(extFile, { force: true });
  }
  chmodSync(keyFile, 0o600);
  return pair(certFile, keyFile);
}

/** Client ids become certificate subjects and file names: keep them to a safe alphabet. */
export function assertClientId(id: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,15}$/.test(id)) throw new Error(`invalid lab client id "${id}"`);
}

export function ensureLabPki(dir: string): LabPki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = path.join(dir, "ca.crt");
  const caKey = path.join(dir, "ca.key");
  if (!existsSync(caFile) || !existsSync(caKey)) {
    openssl([
      "req",
      "-x509",
      ...KEY,
      "-keyout",
      caKey,
      "-out",
      caFile,
      "-days",
      "3650",
      "-sha256",
      "-subj",
      "/O=NetOps LAB/CN=NetOps LAB EPP registry CA (not for production)",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    chmodSync(caKey, 0o600);
  }
  const server = issue(
    dir,
    "server",
    "/O=NetOps LAB/CN=localhost",
    "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n",
  );
  return {
    dir,
    caCert: readFileSync(caFile, "utf8"),
    caFile,
    server,
    client(clientId) {
      assertClientId(clientId);
      return issue(
        dir,
        `client-${clientId}`,
        `/O=NetOps LAB/CN=${clientId}`,
        "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n",
      );
    },
  };
}
