/**
 * Backups of the embedded stores: taken online while the service writes, restored after the
 * checks (files, integrity, chains, digest), never over a data directory a running service holds.
 * The round trip: what the backup acknowledged is what the restored service serves, digest and all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { readManifest, sha256OfFile } from '../../src/backup/backup-manifest';
import { runBackup } from '../../src/cli/backup';
import { runRestore } from '../../src/cli/restore';
import { scanLedger } from '../../src/integrity/ledger-scan';
import { editFigure, tamperWith } from '../integrity/tamper-helpers';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const REPORT = { metric: 'health_insurance_coverage', value: 90 };

describe('npm run backup and npm run restore', () => {
  let root: string;
  let dataDir: string;
  let backupDir: string;
  let t: TestApp;
  const printed: string[] = [];
  const print = (line: string) => printed.push(line);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-backup-'));
    dataDir = path.join(root, 'data');
    backupDir = path.join(root, 'backup');
    t = await startTestApp({ dataDir });
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('round trip: a backup taken while commands are written restores to a ledger with the digest it recorded', async () => {
    const acknowledged: number[] = [];
    for (const period of ['2021-01', '2021-02', '2021-03']) acknowledged.push((await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period }, KEYS.coordinator).expect(201)).body.position);

    // Online: writes go on while the copy is taken.
    const writes = ['2021-04', '2021-05', '2021-06'].map((period) => t.post('/indicators/ind-12/progress-reports', { ...REPORT, period }, KEYS.coordinator));
    const [code] = await Promise.all([runBackup([backupDir], t.config, print), ...writes.map((w) => w.expect(201))]);
    expect(code).toBe(0);
    const manifest = readManifest(backupDir);
    expect(manifest.files.map((file) => file.name).sort()).toEqual(['events.db', 'read-models.db']);
    expect(manifest.ledger.brokenStreams).toEqual([]);
    expect(manifest.ledger.position).toBeGreaterThanOrEqual(Math.max(...acknowledged));
    expect(printed.join('\n')).toContain(manifest.ledger.digest);

    // The digest the service gives for the same position is the one recorded.
    const served = await t.get(`/audit/digest?position=${manifest.ledger.position}`, KEYS.inspector).expect(200);
    expect(served.body.digest).toBe(manifest.ledger.digest);

    // A write after the backup: not in it.
    const later = await t.post('/indicators/ind-12/progress-reports', { ...REPORT, period: '2021-07' }, KEYS.coordinator).expect(201);
    expect(later.body.position).toBeGreaterThan(manifest.ledger.position);

    // Refused while the service holds the directory.
    printed.length = 0;
    expect(await runRestore([backupDir], t.config, print)).toBe(1);
    expect(printed.join('\n')).toContain('Another process is using the data directory');
    await t.get('/indicators/ind-12').expect(200);

    await t.close();
    printed.length = 0;
    expect(await runRestore([backupDir], t.config, print)).toBe(0);
    expect(printed.join('\n')).toContain(`${manifest.ledger.digest} (checked)`);
    // What the directory held is kept aside, not deleted.
    const aside = fs.readdirSync(dataDir).filter((name) => name.startsWith('replaced-'));
    expect(aside).toHaveLength(1);
    expect(fs.readdirSync(path.join(dataDir, aside[0]))).toContain('events.db');

    t = await startTestApp({ dataDir });
    const restoredScan = await scanLedger(t.eventStore);
    expect({ position: restoredScan.position, events: restoredScan.events, digest: restoredScan.digest }).toEqual({
      position: manifest.ledger.position,
      events: manifest.ledger.events,
      digest: manifest.ledger.digest,
    });
    expect(restoredScan.streams.every((stream) => stream.valid)).toBe(true);
    // Every report acknowledged before the backup is there and served; the later one is not.
    const stream = await t.eventStore.readStream('indicator-ind-12');
    for (const position of acknowledged) expect(stream.some((event) => event.position === position)).toBe(true);
    expect(stream.some((event) => event.position === later.body.position)).toBe(false);
    await request(t.app.getHttpServer()).get('/health').expect(200);
    const history = await t.get(`/indicators/ind-12/history?minPosition=${manifest.ledger.position}`).expect(200);
    expect(history.body.items.filter((item: { type: string }) => item.type === 'ProgressReported').length).toBeGreaterThanOrEqual(acknowledged.length);
  });

  it('refuses a backup whose ledger was changed after it was taken', async () => {
    const copy = path.join(root, 'tampered-backup');
    fs.cpSync(backupDir, copy, { recursive: true });
    // Edited in place as an administrator with file access would, then given a matching SHA-256 in the manifest.
    tamperWith({ ...t, config: { ...t.config, eventStore: { kind: 'sqlite', filename: path.join(copy, 'events.db') } } }, editFigure(1, 99), 'indicator-ind-12');
    const manifest = readManifest(copy);
    const events = manifest.files.find((file) => file.name === 'events.db')!;
    events.sha256 = sha256OfFile(path.join(copy, 'events.db'));
    fs.writeFileSync(path.join(copy, 'backup.json'), JSON.stringify(manifest));

    const target = path.join(root, 'fresh');
    printed.length = 0;
    const code = await runRestore([copy], { ...t.config, dataDir: target, eventStore: { kind: 'sqlite', filename: path.join(target, 'events.db') }, readStore: { kind: 'sqlite', filename: path.join(target, 'read-models.db') } }, print);
    expect(code).toBe(1);
    expect(printed.join('\n')).toMatch(/Not restored: The ledger in .* is not the one the backup recorded/);
    expect(fs.existsSync(path.join(target, 'events.db'))).toBe(false);
  });

  it('refuses a backup file damaged after it was taken', async () => {
    const copy = path.join(root, 'damaged-backup');
    fs.cpSync(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'read-models.db');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    printed.length = 0;
    const target = path.join(root, 'fresh-2');
    expect(await runRestore([copy], { ...t.config, dataDir: target }, print)).toBe(1);
    expect(printed.join('\n')).toContain('is not the file the backup recorded');
  });
});
