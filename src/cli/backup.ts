/**
 * `npm run backup [-- <target directory>]`: an online, consistent copy of the embedded stores
 * (events.db, read-models.db) with the audit digest of the ledger it holds, while the service
 * runs. The target defaults to `<DATA_DIR>/../backups/<time>`. Exit code 0 when the copy was
 * taken, 1 when it was refused, 2 on a usage error. The server stores have their own tools
 * (docs/operations.md#backups).
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { loadConfig, type AppConfig } from '../config/config';
import { backupEmbeddedStores } from '../backup/backup';
import { BackupRefusedError } from '../backup/backup-manifest';

export async function runBackup(args: readonly string[], config: AppConfig, print: (line: string) => void, now: Date = new Date()): Promise<number> {
  if (args.length > 1) {
    print('usage: npm run backup [-- <target directory>]');
    return 2;
  }
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'sqlite') {
    print('npm run backup copies the embedded stores; EventStoreDB (KurrentDB) and MongoDB are backed up with their own tools: see docs/operations.md#backups');
    return 1;
  }
  const target = path.resolve(args[0] ?? path.join(config.dataDir, '..', 'backups', now.toISOString().replace(/[:.]/g, '-')));
  try {
    const manifest = await backupEmbeddedStores({ events: config.eventStore.filename, readModels: config.readStore.filename }, target, now);
    const { ledger } = manifest;
    print(`Backed up ${config.dataDir} into ${target}: ${ledger.events} events in ${ledger.streams} streams, position ${ledger.position}.`);
    print(`Audit digest at position ${ledger.position}: ${ledger.digest}`);
    if (ledger.brokenStreams.length > 0) print(`Warning: these streams' hash chains do not verify in the copy (as in the data directory): ${ledger.brokenStreams.join(', ')}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupRefusedError)) throw error;
    print(error.message);
    return 1;
  }
}

if (require.main === module) {
  runBackup(process.argv.slice(2), loadConfig(), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
