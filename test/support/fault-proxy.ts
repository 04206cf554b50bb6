import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy that misbehaves the way village connections and overloaded servers do:
 * it drops requests, delays them, resets connections, forwards a request but loses the answer,
 * forwards it twice, or answers 500 itself. Which fault meets which request comes from a seeded
 * generator, so a failing run can be repeated.
 */
export const FAULTS = ['pass', 'delay', 'drop', 'reset', 'lose_answer', 'duplicate', 'error_500'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  url: string;
  /** How often each fault was applied. */
  readonly applied: Record<Fault, number>;
  /** Faults apply only while on (enrolment, say, can go through cleanly first). */
  setFaulty(on: boolean): void;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  target: string;
  seed: number;
  /** Relative weights; a fault left out never happens. */
  weights: Partial<Record<Fault, number>>;
  /** Longest delay, in milliseconds (some should outlast the client's timeout). */
  maxDelayMs?: number;
}

/** mulberry32: small, seeded, good enough to pick faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seeded(options.seed);
  const applied = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const entries = Object.entries(options.weights) as Array<[Fault, number]>;
  const totalWeight = entries.reduce((sum, [, w]) => sum + w, 0);
  let faulty = true;

  const pick = (): Fault => {
    if (!faulty) return 'pass';
    let roll = random() * totalWeight;
    for (const [fault, weight] of entries) {
      roll -= weight;
      if (roll < 0) return fault;
    }
    return 'pass';
  };

  const forward = async (req: http.IncomingMessage, body: Buffer) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || ['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await fetch(new URL(req.url ?? '/', options.target), {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const fault = pick();
      applied[fault]++;
      void (async () => {
        try {
          switch (fault) {
            case 'drop':
              req.socket.destroy();
              return;
            case 'reset':
              req.socket.resetAndDestroy();
              return;
            case 'error_500':
              res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
              return;
            case 'delay':
              await new Promise((resolve) => setTimeout(resolve, random() * (options.maxDelayMs ?? 1000)));
              break;
            case 'lose_answer':
              // The collector gets it and acts on it; the kiosk never hears back.
              await forward(req, body);
              req.socket.resetAndDestroy();
              return;
            case 'duplicate':
              // The collector sees the request twice (a retrying middlebox); the kiosk gets the second answer.
              await forward(req, body);
              break;
            case 'pass':
              break;
          }
          const answer = await forward(req, body);
          if (req.socket.destroyed) return;
          const headers: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name)) headers[name] = value;
          });
          res.writeHead(answer.status, headers).end(answer.body);
        } catch {
          // The collector itself is unreachable: to the kiosk that looks like a dropped connection.
          req.socket.destroy();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    applied,
    setFaulty: (on) => (faulty = on),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
