/**
 * The Errors table of docs/api.md is the contract a client branches on, so it must list every code the
 * service can answer, and nothing the service never says. The codes are read from the sources the
 * way they are written there: typed errors constructed with a code, required-text checks, classes
 * with a fixed code, error bodies written by hand, and the exception filter's names for statuses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');

/**
 * Typed errors that never reach a client: they describe our stores' and projections' internals and
 * are answered as a logged 500 INTERNAL_ERROR (ledger-exception.filter.ts), or stop a CLI.
 */
const INTERNAL_CODES = [
  'PROJECTION_RUNNER_STOPPED',
  'SUBSCRIPTION_ENDED',
  'PROJECTION_LEASE_HELD',
  'PROJECTION_LEASE_LOST',
  'CHECKPOINT_BEHIND',
  'EVENT_STORE_POSITION_OUT_OF_RANGE',
  'EVENT_STORE_CLOSED',
  'INVALID_EVENT_STORE_ARGUMENT',
  'NOT_CANONICALIZABLE',
  'DUPLICATE_KEY',
  'INVALID_DOCUMENT',
  'READ_STORE_CLOSED',
  // Refusals at start (another process holds the data directory), said on the console, never over HTTP.
  'DATA_DIR_IN_USE',
];

const CODE_PATTERNS = [
  /new (?:BusinessRuleError|InvalidInputError|NotFoundError|ForbiddenError|StoreUnavailableError)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /requireText\([^;]*?'([A-Z][A-Z0-9_]+)'/g,
  /readonly code = '([A-Z][A-Z0-9_]+)'/g,
  /readonly code: '([A-Z][A-Z0-9_]+)'(?: \| '([A-Z][A-Z0-9_]+)')*/g,
  /super\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode: '([A-Z][A-Z0-9_]+)'/g,
  /^\s+\d{3}: '([A-Z][A-Z0-9_]+)',$/gm, // the exception filter's names for statuses
  /CODE_BY_STATUS\[statusCode\] \?\? '([A-Z][A-Z0-9_]+)'/g, // its name for any other status
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of CODE_PATTERNS) {
      for (const match of text.matchAll(pattern)) for (const code of match.slice(1)) if (code) codes.add(code);
    }
  }
  return codes;
}

function codesInReadmeErrorsTable(): Set<string> {
  const readme = fs.readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
  const start = readme.indexOf('\n## Errors\n');
  const end = readme.indexOf('\n# ', start);
  const table = readme.slice(start, end).split('\n').filter((line) => line.startsWith('|'));
  const codes = new Set<string>();
  for (const row of table) {
    const codesColumn = row.split('|')[3] ?? '';
    for (const match of codesColumn.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) codes.add(match[1]);
  }
  return codes;
}

describe("the Errors table of docs/api.md", () => {
  const inSources = codesInSources();
  const documented = codesInReadmeErrorsTable();

  it('finds the codes it is about (the patterns still match how errors are written)', () => {
    for (const code of ['VALIDATION_FAILED', 'NOT_RESPONSIBLE_UNIT', 'REASON_REQUIRED', 'CONCURRENCY_CONFLICT', 'INVALID_URL', 'READ_STORE_UNAVAILABLE', 'METHOD_NOT_ALLOWED', 'HTTP_ERROR']) {
      expect(inSources).toContain(code);
    }
    expect(documented.size).toBeGreaterThan(60);
  });

  it('lists every code a client can receive', () => {
    const undocumented = [...inSources].filter((code) => !documented.has(code) && !INTERNAL_CODES.includes(code));
    expect(undocumented).toEqual([]);
  });

  it('lists no code the service never answers', () => {
    const unknown = [...documented].filter((code) => !inSources.has(code));
    expect(unknown).toEqual([]);
  });

  it('keeps internal codes out of it, and its list of internal codes current', () => {
    expect(INTERNAL_CODES.filter((code) => documented.has(code))).toEqual([]);
    expect(INTERNAL_CODES.filter((code) => !inSources.has(code))).toEqual([]);
  });
});
