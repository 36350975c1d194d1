/**
 * Where the service listens (HOST, see config.ts). By default, outside production mode, on
 * 127.0.0.1 only: `npm start` runs with the published demo keys, which nobody on the network
 * should be able to use. In production mode (a container whose published port must reach it), on
 * every interface, as Node's own `server.listen(port)` does: Node tries the IPv6 wildcard
 * (dual-stack: IPv4 clients too) and falls back to IPv4 where the machine has no IPv6; so do we.
 */
import * as os from 'node:os';
import type { AppConfig } from '../config/config';

export function listenAddress(config: Pick<AppConfig, 'host'>): string {
  return config.host === 'every-interface' ? everyInterface() : config.host;
}

export function everyInterface(): string {
  const hasIpv6 = Object.values(os.networkInterfaces()).some((addresses) => addresses?.some((address) => address.family === 'IPv6'));
  return hasIpv6 ? '::' : '0.0.0.0';
}

/** The URL a person on this machine opens: `localhost` for a loopback or wildcard address, the address itself otherwise. */
export function localBaseUrl(host: string, port: number): string {
  const local = host === 'every-interface' || host === 'localhost' || host === '::' || host === '0.0.0.0' || host === '::1' || /^127\./.test(host);
  return `http://${local ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${port}`;
}
