import os from 'node:os';

/** This computer's IPv4 addresses on the classroom network: what other PCs type to reach the host. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => net!.address);
}
