import os from 'node:os';

/**
 * The names the host answers to. A web page the kiosk's browser opens could otherwise reach the
 * host through DNS rebinding (its own name, re-pointed at 127.0.0.1): the browser would send that
 * name in `Host`. So the host answers only loopback, this computer's own addresses and name, and
 * the names its administrator added in Settings; the port does not matter.
 */

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];
/** Addresses change (DHCP, a cable plugged in): read again after this long. */
const REFRESH_MS = 5_000;

let cached: { at: number; names: string[] } | null = null;

/** Loopback, every address of this computer's network interfaces, and its own name. */
export function ownHostNames(now = Date.now()): string[] {
  if (cached && now - cached.at < REFRESH_MS) return cached.names;
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .flatMap((net) => (net ? [net.address.toLowerCase().replace(/%.*$/, '')] : []));
  const names = [...new Set([...LOOPBACK, ...addresses, os.hostname().toLowerCase()])];
  cached = { at: now, names };
  return names;
}

/** The host name of a `Host` (or an `Origin`'s host) header: lower case, without port or IPv6 brackets. */
export function hostNameOf(header: string): string | null {
  const value = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(value);
  if (v6) return v6[1]!;
  const plain = /^([^:[\]/\s@]+)(?::\d+)?$/.exec(value);
  return plain ? plain[1]!.replace(/\.$/, '') : null;
}

export function isKnownHost(header: string | undefined, added: readonly string[]): boolean {
  const name = header === undefined ? null : hostNameOf(header);
  return name !== null && (ownHostNames().includes(name) || added.includes(name));
}
