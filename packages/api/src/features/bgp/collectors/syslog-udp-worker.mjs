// The syslog UDP socket, read in a worker thread: its own event loop empties the kernel's receive
// buffer even while the main thread is busy (API calls, storing events), and hands the datagrams over
// in batches. Lines the main thread has not taken yet are held up to `maxPending`; past that they are
// counted as dropped here (never silently). Plain JavaScript so it runs without a TypeScript loader.
import dgram from "node:dgram";
import { parentPort, workerData } from "node:worker_threads";

const { host, port, family, recvBufferSize, maxPending } = workerData;
const sock = dgram.createSocket({ type: family, recvBufferSize });
let batch = [];
let pending = 0; // handed over, not yet acknowledged
let dropped = 0;
let flushing = false;

function flush() {
  flushing = false;
  if (batch.length === 0) return;
  pending += batch.length;
  parentPort.postMessage({ type: "lines", lines: batch, dropped });
  batch = [];
}

sock.on("message", (buf, rinfo) => {
  if (pending + batch.length >= maxPending) {
    dropped++;
    return;
  }
  batch.push({ bytes: buf, address: rinfo.address });
  // One message per turn of this loop: a burst travels as one batch.
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
});
sock.on("error", (err) => parentPort.postMessage({ type: "error", message: err.message }));
sock.bind(port, host, () => {
  parentPort.postMessage({
    type: "listening",
    address: sock.address(),
    recvBufferSize: sock.getRecvBufferSize(),
  });
});
parentPort.on("message", (m) => {
  if (m.type === "ack") pending -= m.count;
  else if (m.type === "close") sock.close(() => parentPort.close());
});
