// `npm run bench:zonemd [-- --records N] [--rounds R] [--big] [--single-core] [--baseline DIR] [--ours-only] [--keep] [--zone FILE]`:
// ZONEMD verification speed and memory on one generated zone (default 1,000,000 records:
// delegations with glue, A/AAAA/MX/TXT, some long TXT), for our verifier (the `netops zonemd
// verify` CLI a user runs, start-up included), Knot DNS (knotd loading the zone with
// `zonemd-verify: on`: from start until its log says "ZONEMD, verification successful"; Debian
// 12's knot 3.2 has no kzonecheck), `ldns-verify-zone -Z` (C) and dnspython's `verify_digest()`,
// measured in the same run on the same file with /usr/bin/time (peak RSS), runs alternated
// over R rounds (median printed). --big adds a 10,000,000-record zone (ours and ldns only) to
// show how time and memory grow; --single-core also runs ours pinned to one CPU (taskset).
// A benchmark, not a test: it prints figures and ratios.
import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { log, root } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const N = Number(opt("--records", 1_000_000)) || 1_000_000;
const ROUNDS = Math.max(1, Number(opt("--rounds", 1)) || 1);
const BIG = args.includes("--big") || process.env.BENCH_ZONEMD_BIG === "1";
const SINGLE = args.includes("--single-core");
const BASELINE = args.includes("--baseline") ? path.resolve(opt("--baseline", ".")) : null;
const skip = new Set(args.filter((a) => a.startsWith("--skip=")).flatMap((a) => a.slice(7).split(",")));
// --ours-only: quick mode, measures only our verifier (same as --skip=knot,ldns,dnspython).
if (args.includes("--ours-only")) for (const s of ["knot", "ldns", "dnspython"]) skip.add(s);
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

/**
 * Knot DNS: knotd with a config holding only this zone, `zonemd-verify: on`, no listener.
 * Time from start until the log line saying the ZONEMD verified (zone parsed, tree built,
 * digest computed and compared), then the daemon is stopped; peak RSS from /usr/bin/time.
 */
function knot(label, zone, origin) {
  const dir = mkdtempSync(path.join(tmpdir(), "netops-bench-knot-"));
  const conf = path.join(dir, "knot.conf");
  writeFileSync(
    conf,
    `server:\n    rundir: ${dir}\ndatabase:\n    storage: ${dir}\nlog:\n  - target: stderr\n    any: info\n` +
      `zone:\n  - domain: ${origin}\n    file: ${zone}\n    zonemd-verify: on\n    journal-content: none\n`,
  );
  log(`${label}: knotd -c ${conf} (zonemd-verify: on)`);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn("/usr/bin/time", ["-f", "TIME %e %M", "knotd", "-c", conf], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    let seconds = null;
    let verified = false;
    let stopped = false;
    // knotc can only stop the daemon once its control socket is bound, which Knot logs after
    // the zone has loaded: time at the verification line, stop at the socket line.
    const stop = () => {
      if (stopped || !/control, binding/.test(err)) return;
      stopped = true;
      spawnSync("knotc", ["-c", conf, "stop"], { stdio: "ignore" });
    };
    p.stderr.setEncoding("utf8");
    p.stderr.on("data", (d) => {
      err += d;
      if (seconds === null) {
        const v = /ZONEMD, verification (successful|failed)/.exec(err);
        if (v) {
          seconds = (performance.now() - t0) / 1000;
          verified = v[1] === "successful";
        } else if (/failed to load|critical:/.test(err)) seconds = -1;
      }
      if (seconds !== null) stop();
    });
    p.on("exit", () => {
      rmSync(dir, { recursive: true, force: true });
      const m = /TIME ([\d.]+) (\d+)/.exec(err);
      if (seconds === null || seconds < 0 || !m) resolve({ label, error: err.slice(-400) });
      else resolve({ label, seconds, rssKiB: Number(m[2]), status: verified ? 0 : 1 });
    });
  });
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
  const records = given ? countRecords(given) : await generateSigned(src, zone, N);
  const size = statSync(zone).size;
  log(`zone: ${records} records + ZONEMD, ${(size / 1e6).toFixed(1)} MB${keep ? ` (kept: ${zone})` : ""}`);
  const small = await report(zone, records, size, ["ours", "knot", "ldns", "dnspython"]);
  if (!BIG) return;
  const bigN = 10 * N;
  const bigZone = path.join(dir, "big.zonemd");
  const bigRecords = await generateSigned(path.join(dir, "big.src"), bigZone, bigN);
  rmSync(path.join(dir, "big.src"), { force: true });
  const bigSize = statSync(bigZone).size;
  log(`big zone: ${bigRecords} records + ZONEMD, ${(bigSize / 1e6).toFixed(1)} MB`);
  const big = await report(bigZone, bigRecords, bigSize, ["ours", "ldns"]);
  out(`\ngrowth from ${records.toLocaleString("en")} to ${bigRecords.toLocaleString("en")} records:\n`);
  for (const name of ["ours", "ldns"]) {
    const a = small[name];
    const b = big[name];
    if (!a || !b) continue;
    out(
      `  ${name.padEnd(6)} time ×${(b.seconds / a.seconds).toFixed(1)}, peak RSS ×${(b.rssKiB / a.rssKiB).toFixed(1)} ` +
        `(${bytesPerRecord(a, records)} → ${bytesPerRecord(b, bigRecords)} bytes/record)\n`,
    );
  }
}

const out = (s) => process.stdout.write(s);
const bytesPerRecord = (r, n) => Math.round((r.rssKiB * 1024) / n);

/** Records in a zone file this script generated: one per line, SOA and ZONEMD not counted. */
function countRecords(file) {
  const text = readFileSync(file);
  let n = 0;
  for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) n++;
  return n - (text.includes("ZONEMD") ? 1 : 0);
}

async function generateSigned(src, zone, n) {
  log(`generating ${n} records in ${dir}…`);
  const records = await generate(src, n);
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

const PICK = {
  ours: (zone) =>
    timed("ours (netops zonemd verify)", process.execPath, [
      path.join(root, "packages/cli/bin/netops.js"),
      "zonemd",
      "verify",
      zone,
      "--json",
    ]),
  "ours-1cpu": (zone) =>
    timed("ours, one CPU (taskset -c 0)", "taskset", [
      "-c",
      "0",
      process.execPath,
      path.join(root, "packages/cli/bin/netops.js"),
      "zonemd",
      "verify",
      zone,
      "--json",
    ]),
  // --baseline DIR: the same command from another checkout (e.g. main before a change).
  baseline: (zone) =>
    timed("baseline (--baseline checkout)", process.execPath, [
      path.join(BASELINE ?? "", "packages/cli/bin/netops.js"),
      "zonemd",
      "verify",
      zone,
      "--json",
    ]),
  knot: (zone) => knot("Knot 3 (knotd zonemd-verify)", zone, ORIGIN),
  ldns: (zone) => timed("ldns-verify-zone -Z (C)", "ldns-verify-zone", ["-Z", zone]),
  dnspython: (zone) => timed("dnspython verify_digest()", "/usr/bin/python3", ["-c", PY, zone, ORIGIN]),
};
const AVAILABLE = {
  ours: () => true,
  "ours-1cpu": () => SINGLE && existsSync("/usr/bin/taskset"),
  baseline: () => BASELINE !== null,
  knot: () => existsSync("/usr/sbin/knotd") && existsSync("/usr/sbin/knotc"),
  ldns: () => existsSync("/usr/bin/ldns-verify-zone"),
  dnspython: () => existsSync("/usr/bin/python3"),
};

const median = (xs) => {
  const a = xs.slice().sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

/** Runs the verifiers ROUNDS times, alternating their order; prints the medians and ratios. */
async function report(zone, records, size, names) {
  const which = [...names.flatMap((n) => (n === "ours" ? ["ours", "ours-1cpu", "baseline"] : [n]))].filter(
    (n) => !skip.has(n) && AVAILABLE[n](),
  );
  const runs = Object.fromEntries(which.map((n) => [n, []]));
  const loads = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? which : which.slice().reverse();
    for (const name of order) {
      loads.push(loadavg()[0]);
      runs[name].push(await PICK[name](zone));
    }
  }
  const result = {};
  for (const name of which) {
    const ok = runs[name].filter((r) => !r.error);
    if (ok.length === 0) {
      result[name] = runs[name][0];
      continue;
    }
    result[name] = {
      ...ok[0],
      seconds: median(ok.map((r) => r.seconds)),
      rssKiB: median(ok.map((r) => r.rssKiB)),
      all: ok.map((r) => r.seconds),
      status: ok.every((r) => r.status === 0) ? 0 : ok.find((r) => r.status !== 0).status,
    };
  }

  const ours = result.ours;
  let inner = null;
  try {
    const v = JSON.parse(ours.stdout);
    if (v.status !== "verified") throw new Error(`our verdict: ${v.status} ${v.reason}`);
    inner = v.timing;
  } catch (e) {
    out(`our verifier did not verify: ${e.message}\n${ours.stderr ?? ""}\n`);
  }
  out(
    `\nZONEMD verification of ${records.toLocaleString("en")} records (${(size / 1e6).toFixed(1)} MB), ` +
      `median of ${ROUNDS} alternated run(s); load average during the runs ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${cpus().length} CPUs:\n\n`,
  );
  out(
    `${"verifier".padEnd(34)}${"wall s".padStart(8)}${"records/s".padStart(12)}${"peak RSS".padStart(11)}${"B/record".padStart(10)}  verdict (runs)\n`,
  );
  for (const name of which) {
    const r = result[name];
    if (r.error) {
      out(`${r.label.padEnd(34)}  failed: ${r.error}\n`);
      continue;
    }
    const verdict = r.status === 0 ? "verified" : `exit ${r.status}`;
    out(
      `${r.label.padEnd(34)}${r.seconds.toFixed(2).padStart(8)}${Math.round(records / r.seconds)
        .toLocaleString("en")
        .padStart(
          12,
        )}${`${(r.rssKiB / 1024).toFixed(0)} MiB`.padStart(11)}${String(bytesPerRecord(r, records)).padStart(10)}  ${verdict} (${r.all.map((x) => x.toFixed(2)).join(", ")})\n`,
    );
  }
  if (inner) {
    out(
      `\nours, phases inside the process (last run): read+parse ${(inner.parseMs / 1000).toFixed(2)} s, filter+canonical order ${(inner.prepareMs / 1000).toFixed(2)} s, hash ${(inner.hashMs / 1000).toFixed(2)} s; the rest of the wall time is Node start-up and output\n`,
    );
  }
  const ratio = (name, text) => {
    const b = result[name];
    if (!b || b.error || ours.error) return;
    out(text(b));
  };
  out("\n");
  ratio(
    "knot",
    (b) =>
      `ours/Knot:      ${(ours.seconds / b.seconds).toFixed(2)}× the time (goal ≤ 2), ${(ours.rssKiB / b.rssKiB).toFixed(2)}× the memory\n`,
  );
  ratio(
    "ldns",
    (b) =>
      `ldns/ours:      ours ${(b.seconds / ours.seconds).toFixed(2)}× faster (goal ≥ 4), ${(ours.rssKiB / b.rssKiB).toFixed(2)}× the memory (goal < 1)\n`,
  );
  ratio("dnspython", (b) => `dnspython/ours: ours ${(b.seconds / ours.seconds).toFixed(1)}× faster\n`);
  ratio(
    "baseline",
    (b) =>
      `baseline/ours:  ours ${(b.seconds / ours.seconds).toFixed(2)}× faster, ${(ours.rssKiB / b.rssKiB).toFixed(2)}× the memory\n`,
  );
  ratio(
    "ours-1cpu",
    (b) => `one CPU/both:   ${(b.seconds / ours.seconds).toFixed(2)}× the time when pinned to one CPU\n`,
  );
  out(
    `RFC 8976 §7 reference: ~300,000 records in 2.5 s = 120,000 records/s; ours: ${Math.round(records / (ours.seconds ?? Number.POSITIVE_INFINITY)).toLocaleString("en")} records/s\n`,
  );
  return result;
}

main()
  .catch((e) => {
    process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  });
