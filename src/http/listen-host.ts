/**
 * Where the service listens: every interface, as Node's own `server.listen(port)` does. Fastify's
 * default is localhost only, which a published container port or another host could not reach.
 * Node tries the IPv6 wildcard (dual-stack: IPv4 clients too) and falls back to IPv4 where the
 * machine has no IPv6; so do we.
 */
import * as os from 'node:os';

export function everyInterface(): string {
  const hasIpv6 = Object.values(os.networkInterfaces()).some((addresses) => addresses?.some((address) => address.family === 'IPv6'));
  return hasIpv6 ? '::' : '0.0.0.0';
}
