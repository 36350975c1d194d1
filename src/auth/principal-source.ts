/**
 * Loads the principals the configuration names (PRINCIPALS_JSON, else PRINCIPALS_FILE) and, in
 * production mode, refuses to go on while any key of the shipped demo principals still works:
 * those keys are printed in the README and in the repository for anyone to read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/config';
import { PrincipalDirectory, PrincipalFileError } from './principal-directory';

export class DemoKeysInProductionError extends Error {
  constructor(readonly acceptedDemoPrincipals: readonly string[]) {
    super(
      `Refusing to start in production mode: ${acceptedDemoPrincipals.length} demo API key(s) from seeds/demo-principals.json ` +
        `would be accepted (${acceptedDemoPrincipals.slice(0, 5).join(', ')}${acceptedDemoPrincipals.length > 5 ? ', …' : ''}). ` +
        'Point PRINCIPALS_FILE or PRINCIPALS_JSON at your own principals.',
    );
  }
}

type PrincipalsConfig = Pick<AppConfig, 'principalsFile' | 'principalsJson' | 'demoPrincipalsFile' | 'productionMode'>;

/**
 * What to warn an operator of at start: with no principal and no JWT issuer, nobody can call the
 * service (every request but /health is a 401). Not refused: a deployment may add principals and
 * restart, or be meant to answer /health alone for a while.
 */
export function nobodyCanAuthenticate(directory: PrincipalDirectory, config: Pick<AppConfig, 'jwtIssuers'>): string | null {
  if (directory.size > 0 || config.jwtIssuers.length > 0) return null;
  return 'No principal can authenticate: the principals list is empty and no JWT issuer is configured (JWT_ISSUERS_FILE, JWT_ISSUERS_JSON or JWT_*), so every request but GET /health will be refused with 401';
}

export function loadPrincipals(config: PrincipalsConfig): PrincipalDirectory {
  // The shipped demo keys are short and published: read as they are, so that production mode can
  // refuse them by name below. Every other raw key must meet the minimum strength.
  const demo = config.principalsJson === undefined && path.resolve(config.principalsFile) === path.resolve(config.demoPrincipalsFile);
  const directory =
    config.principalsJson !== undefined
      ? PrincipalDirectory.fromJson(config.principalsJson, 'PRINCIPALS_JSON')
      : PrincipalDirectory.fromFile(config.principalsFile, { acceptWeakKeys: demo });
  if (config.productionMode) assertNoDemoKeyAccepted(directory, config.demoPrincipalsFile);
  return directory;
}

/** Tries every demo key against the directory; hashed entries are caught as well as raw ones. */
export function assertNoDemoKeyAccepted(directory: PrincipalDirectory, demoPrincipalsFile: string): void {
  const accepted = demoKeys(demoPrincipalsFile)
    .map((key) => directory.authenticate(key))
    .filter((principal) => principal !== null)
    .map((principal) => principal.id);
  if (accepted.length > 0) throw new DemoKeysInProductionError(accepted);
}

function demoKeys(file: string): string[] {
  let entries: unknown;
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    // Without the list we cannot prove the demo keys are off; starting anyway would be a guess.
    throw new PrincipalFileError(`Cannot read the demo principals (${file}) to check none is accepted: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new PrincipalFileError(`${file} must hold a JSON array`);
  return entries.map((entry) => (entry as { apiKey?: unknown }).apiKey).filter((key): key is string => typeof key === 'string');
}
