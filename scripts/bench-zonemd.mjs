// `npm run bench:zonemd [-- --records N] [--ours-only] [--keep] [--zone FILE]`: ZONEMD verification speed and memory on one generated
// zone (default 1,000,000 records: delegations with glue, A/AAAA/MX/TXT, some long TXT), for our
// verifier (the `netops zonemd verify` CLI, startup included), `ldns-verify-zone -Z` (C) and
// dnspython's `verify_digest()`, measured in the same run on the same file with /usr/bin/time.
// A benchmark, not a test: it prints figures and ratios.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { log, root } from "./lib.mjs";

const args = process.argv.slice(2);
const N = Number(args[args.indexOf("--records") + 1] || 1_000_000) || 1_000_000;
const skip = new Set(args.filter((a) => a.startsWith("--skip=")).flatMap((a) => a.slice(7).split(",")));
// --ours-only: quick mode, measures only our verifier (same as --skip=ldns,dnspython).
if (args.includes("--ours-only")) for (const s of ["ldns", "dnspython"]) skip.add(s);
// --keep leaves the generated zone in place (its path is printed); --zone FILE reuses one
// (with its ZONEMD already in it), so repeated runs and profiles measure the same bytes.
const keep = args.includes("--keep");
const given = args.includes("--zone") ? path.resolve(args[args.indexOf("--zone") + 1] ?? "") : null;
const dir = mkdtempSync(path.join(tmpdir(), "netops-bench-zonemd-"));
const ORIGIN = "bench.example.";

/** Deterministic zone; each record line counts as one record. */
async function generate(file, n) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? null : new Promise((r) => out.once("drain", r)));
  let seed = 8976;
  const rnd = (m) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % m;
  };
  await write(`$ORIGIN ${ORIGIN}\n$TTL 3600\n@ IN SOA ns1 hostmaster 2026112101 7200 3600 1209600 3600\n`);
  await write(
    "@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.53\nns2 IN AAAA 2001:db8::53\n@ IN MX 10 mail\nmail IN A 192.0.2.25\n",
  );
  let count = 7;
  let i = 0;
  let buf = "";
  while (count < n) {
    const k = rnd(20);
    const name = `h${i++}`;
    if (k < 2) {
      // Delegation with two NS and in-bailiwick glue (4 records).
      buf += `${name} IN NS ns1.${name}\n${name} IN NS ns2.${name}\nns1.${name} IN A 198.51.100.${rnd(255)}\nns2.${name} IN AAAA 2001:db8:1::${rnd(65535).toString(16)}\n`;
      count += 4;
    } else if (k < 8) {
      buf += `${name} IN A 192.0.2.${1 + rnd(254)}\n`;
      count++;
    } else if (k < 12) {
      buf += `${name} IN AAAA 2001:db8::${rnd(65535).toString(16)}\n`;
      count++;
    } else if (k < 15) {
      buf += `${name} IN MX ${rnd(50)} mail\n`;
      count++;
    } else if (k < 19) {
      buf += `${name} IN TXT "v=${rnd(1e9)}"\n`;
      count++;
    } else {
      buf += `${name} IN TXT "${"x".repeat(200)}" "${"y".repeat(rnd(250))}"\n`;
      count++;
    }
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf);
  await new Promise((r) => out.end(r));
  return count;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (KiB). */
function timed(label, cmd, argv) {
  log(`${label}: ${cmd} ${argv.join(" ")}`);
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", cmd, ...argv], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  if (!m) return { label, error: (r.stderr || r.error?.message || "no timing").slice(-400) };
  return {
    label,
    seconds: Number(m[1]),
    rssKiB: Number(m[2]),
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const PY = `
import sys, dns.zone
z = dns.zone.from_file(sys.argv[1], origin=sys.argv[2], relativize=False)
z.verify_digest()
print("OK")
`;

async function main() {
  const src = path.join(dir, "zone.src");
  const zone = given ?? path.join(dir, "zone.zonemd");
  const records = given ? countRecords(given) : await generateSigned(src, zone);
  const size = statSync(zone).size;
  log(`zone: ${records} records + ZONEMD, ${(size / 1e6).toFixed(1)} MB${keep ? ` (kept: ${zone})` : ""}`);

  return report(zone, records, size);
}

/** Records in a zone file this script generated: one per line, SOA and ZONEMD not counted. */
function countRecords(file) {
  const text = readFileSync(file, "latin1");
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n - (text.includes("ZONEMD") ? 1 : 0);
}

async function generateSigned(src, zone) {
  log(`generating ${N} records in ${dir}…`);
  const records = await generate(src, N);
  // The ZONEMD in the file comes from ldns when it is installed (a third party), else from us.
  if (existsSync("/usr/bin/ldns-signzone")) {
    const r = spawnSync("ldns-signzone", ["-Z", "-z", "1:1", "-o", ORIGIN, "-f", zone, src], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`ldns-signzone failed: ${r.stderr}`);
  } else {
    const r = spawnSync(
      process.execPath,
      [path.join(root, "packages/cli/bin/netops.js"), "zonemd", "digest", src, "--hash", "sha384"],
      {
        encoding: "utf8",
      },
    );
    if (r.status !== 0) throw new Error(`netops zonemd digest failed: ${r.stderr}`);
    const { appendFileSync, copyFileSync } = await import("node:fs");
    copyFileSync(src, zone);
    appendFileSync(zone, r.stdout);
  }
  return records;
}

async function report(zone, records, size) {
  const results = [];
  results.push(
    timed("ours (netops zonemd verify)", process.execPath, [
      path.join(root, "packages/cli/bin/netops.js"),
      "zonemd",
      "verify",
      zone,
      "--json",
    ]),
  );
  if (existsSync("/usr/bin/ldns-verify-zone") && !skip.has("ldns"))
    results.push(timed("ldns-verify-zone -Z (C)", "ldns-verify-zone", ["-Z", zone]));
  if (existsSync("/usr/bin/python3") && !skip.has("dnspython"))
    results.push(timed("dnspython verify_digest()", "/usr/bin/python3", ["-c", PY, zone, ORIGIN]));

  const ours = results[0];
  let inner = null;
  try {
    const v = JSON.parse(ours.stdout);
    if (v.status !== "verified") throw new Error(`our verdict: ${v.status} ${v.reason}`);
    inner = v.timing;
  } catch (e) {
    process.stdout.write(`our verifier did not verify: ${e.message}\n${ours.stderr ?? ""}\n`);
  }
  process.stdout.write(
    `\nZONEMD verification of ${records.toLocaleString("en")} records (${(size / 1e6).toFixed(1)} MB):\n\n`,
  );
  process.stdout.write(
    `${"verifier".padEnd(32)}${"wall s".padStart(9)}${"records/s".padStart(13)}${"peak RSS".padStart(12)}  verdict\n`,
  );
  for (const r of results) {
    if (r.error) {
      process.stdout.write(`${r.label.padEnd(32)}  failed: ${r.error}\n`);
      continue;
    }
    const verdict = r.status === 0 ? "verified" : `exit ${r.status}`;
    process.stdout.write(
      `${r.label.padEnd(32)}${r.seconds.toFixed(2).padStart(9)}${Math.round(records / r.seconds)
        .toLocaleString("en")
        .padStart(13)}${`${(r.rssKiB / 1024).toFixed(0)} MiB`.padStart(12)}  ${verdict}\n`,
    );
  }
  if (inner) {
    // The CLI row above includes Node start-up and tsx compiling the TypeScript (~2 s); the
    // verifier itself is what the server runs, so it gets its own figure.
    const s = inner.totalMs / 1000;
    process.stdout.write(
      `${"ours in-process (no start-up)".padEnd(32)}${s.toFixed(2).padStart(9)}${Math.round(records / s)
        .toLocaleString("en")
        .padStart(13)}${"-".padStart(12)}  (phases of the CLI run)\n`,
    );
    process.stdout.write(
      `\nours, phases inside the process: read+parse ${(inner.parseMs / 1000).toFixed(2)} s, filter+canonical sort ${(inner.prepareMs / 1000).toFixed(2)} s, hash ${(inner.hashMs / 1000).toFixed(2)} s; CLI wall minus these = ${(ours.seconds - s).toFixed(2)} s of Node/tsx start-up and output\n`,
    );
  }
  const base = results.find((r) => r.label.startsWith("ldns") && !r.error);
  if (base && !ours.error)
    process.stdout.write(
      `ratio ours/ldns: ${(ours.seconds / base.seconds).toFixed(2)}× the time, ${(ours.rssKiB / base.rssKiB).toFixed(2)}× the memory\n`,
    );
  const py = results.find((r) => r.label.startsWith("dnspython") && !r.error);
  if (py && !ours.error)
    process.stdout.write(`ratio dnspython/ours: ${(py.seconds / ours.seconds).toFixed(1)}× slower\n`);
  process.stdout.write(
    `RFC 8976 §7 reference: ~300,000 records in 2.5 s = 120,000 records/s; ours: ${Math.round(records / (ours.seconds ?? Infinity)).toLocaleString("en")} records/s\n`,
  );
}

main()
  .catch((e) => {
    process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  });
