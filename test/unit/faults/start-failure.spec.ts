/** What the service prints and exits with when it cannot start: one line, and the documented code. */
import { ConfigError } from '../../../src/config/config';
import { DataDirInUseError } from '../../../src/infrastructure/data-dir-lock';
import { EXIT_CODES, startFailure } from '../../../src/infrastructure/start-failure';
import { StorageUnavailableError, StoreDamagedError } from '../../../src/shared/storage-fault';

describe('startFailure', () => {
  it.each([
    [new ConfigError('PORT must be a whole number'), EXIT_CODES.refused, 'PORT must be a whole number'],
    [new DataDirInUseError('/srv/ledger/data'), EXIT_CODES.refused, 'Another process is using the data directory /srv/ledger/data'],
    [new StoreDamagedError('eventStore', '/srv/ledger/data/events.db', 'database disk image is malformed'), EXIT_CODES.storeDamaged, '/srv/ledger/data/events.db is damaged: database disk image is malformed'],
    [new StoreDamagedError('readStore', '/srv/ledger/data/read-models.db', 'file is not a database'), EXIT_CODES.storeDamaged, 'delete read-models.db and start again'],
    [new StorageUnavailableError('eventStore', 'disk_full'), EXIT_CODES.storageUnavailable, 'The event store cannot write: its disk is full. Nothing was written. The service did not start: free space'],
  ])('%p exits with %i and one line', (error, exitCode, text) => {
    const failure = startFailure(error);
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.line).toContain(text);
    expect(failure.line).not.toContain('\n');
  });

  it('says a port already in use as a refusal naming PORT, not as a defect', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), { code: 'EADDRINUSE', address: '127.0.0.1', port: 3000 });
    const failure = startFailure(inUse);
    expect(failure.exitCode).toBe(EXIT_CODES.refused);
    expect(failure.line).toBe('The address to listen on (127.0.0.1:3000) is already in use by another process: choose another with PORT (and HOST), then start again. The data directory is intact.');
  });

  it('says an unexpected failure as one JSON line with its stack, and exit code 70', () => {
    const failure = startFailure(new TypeError('cannot read properties of undefined'));
    expect(failure.exitCode).toBe(EXIT_CODES.unexpected);
    expect(failure.line).not.toContain('\n');
    expect(JSON.parse(failure.line)).toMatchObject({ level: 60, msg: 'The service could not start', err: { type: 'TypeError', message: 'cannot read properties of undefined', stack: expect.stringContaining('TypeError') } });
  });
});
