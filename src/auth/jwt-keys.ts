/**
 * Where an issuer's signing keys come from, as the function jose's `jwtVerify` asks for a key.
 *
 * - A PEM public key file or a JWKS file is read at start and read again whenever it changes (its
 *   size, modification time or inode differ from the last read, checked on each verification: a
 *   `stat` costs a few microseconds, a signature check far more). Rotating or revoking a key is
 *   then a matter of replacing the file, with no restart. A file that no longer reads (being
 *   written, or broken) is reported once and the last good keys stay in use until it reads again:
 *   refusing every token because a file is half-written would be an outage of its own.
 * - A JWKS URL is fetched and cached by jose (fetched again for an unknown `kid`, and when its
 *   cache ages). Not getting the set at all says nothing about the token: that is
 *   AuthKeysUnavailableError (503), which the client may retry.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { ConfigError } from '../config/config';
import type { JwtIssuerConfig } from '../config/jwt-issuers';
import { AuthKeysUnavailableError } from '../shared/errors';

/** A key source that cannot be used at start: a configuration error, said in one line. */
export class JwtKeyFileError extends ConfigError {}

type KeyGetter = JWTVerifyGetKey;

/** Told when a key file changed and could not be read, so an operator learns it; the last good keys stay in use. */
export type KeyFileWarning = (message: string) => void;

export function keySource(config: JwtIssuerConfig, warn: KeyFileWarning): KeyGetter {
  if (config.publicKeyFile) return reloadingFile(config.publicKeyFile, 'publicKeyFile', readPem, warn);
  if (config.jwksFile) return reloadingFile(config.jwksFile, 'jwksFile', readJwks, warn);
  if (config.jwksUrl) return remoteKeySet(new URL(config.jwksUrl));
  throw new JwtKeyFileError(`Issuer ${config.alias} has no key source`);
}

function readPem(text: string): KeyGetter {
  const key: KeyObject = createPublicKey(text);
  return async () => key;
}

function readJwks(text: string): KeyGetter {
  return createLocalJWKSet(JSON.parse(text));
}

function reloadingFile(file: string, what: string, parse: (text: string) => KeyGetter, warn: KeyFileWarning): KeyGetter {
  let current: { version: string; keys: KeyGetter };
  try {
    current = { version: versionOf(file), keys: parse(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    // At start there are no earlier keys to fall back on: the configuration is wrong.
    throw new JwtKeyFileError(`${what} ${file} is not readable as ${what === 'jwksFile' ? 'a JWKS' : 'a PEM public key'}: ${(error as Error).message}`);
  }
  /** The version of the file that last failed to read, so it is reported once, not on every request. */
  let failed: string | null = null;
  return (header, token) => {
    const version = versionOf(file);
    if (version !== current.version && version !== failed) {
      try {
        current = { version, keys: parse(fs.readFileSync(file, 'utf8')) };
        failed = null;
      } catch (error) {
        failed = version;
        warn(`${what} ${file} changed but cannot be read (${(error as Error).message}); the keys read before stay in use`);
      }
    }
    return current.keys(header, token);
  };
}

/** What tells one content of the file from another without reading it: size, modification time, inode (a file renamed into place). */
function versionOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}

/**
 * The identity provider's key endpoint. Not finding the token's key in the set is a verdict on the
 * token (401); not getting the set at all (refused, timed out, not 200, not a key set) is a 503.
 */
function remoteKeySet(url: URL): KeyGetter {
  const keySet = createRemoteJWKSet(url);
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (isVerdictOnToken(error)) throw error;
      throw new AuthKeysUnavailableError(error instanceof joseErrors.JOSEError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ERR_JWKS_FETCH'));
    }
  };
}

function isVerdictOnToken(error: unknown): boolean {
  return (
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JWKSMultipleMatchingKeys ||
    error instanceof joseErrors.JOSENotSupported ||
    error instanceof joseErrors.JOSEAlgNotAllowed
  );
}
