/**
 * `npm run restore -- <backup directory>`: checks a backup of `npm run backup` (each file's
 * SHA-256, SQLite's integrity check, every hash chain, the audit digest it recorded) and restores it
 * into DATA_DIR, moving what DATA_DIR held into `replaced-<time>/`. Refuses a DATA_DIR a running
 * service holds. Exit code 0 when restored, 1 when refused, 2 on a usage error.
 */
import 'reflect-metadata';
import { loadConfig, type AppConfig } from '../config/config';
import { BackupRefusedError } from '../backup/backup-manifest';
import { restoreBackup } from '../backup/restore';
import { DataDirInUseError } from '../infrastructure/data-dir-lock';

export async function runRestore(args: readonly string[], config: AppConfig, print: (line: string) => void, now: Date = new Date()): Promise<number> {
  if (args.length !== 1) {
    print('usage: npm run restore -- <backup directory>');
    return 2;
  }
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'sqlite') {
    print('npm run restore restores the embedded stores; EventStoreDB (KurrentDB) and MongoDB are restored with their own tools: see docs/operations.md#restoring-a-backup');
    return 1;
  }
  try {
    const { manifest, replacedInto } = await restoreBackup(args[0], config.dataDir, now);
    const { ledger } = manifest;
    print(`Restored ${args[0]} (taken ${manifest.createdAt}) into ${config.dataDir}: ${ledger.events} events, position ${ledger.position}.`);
    print(`Audit digest at position ${ledger.position}: ${ledger.digest} (checked). Compare it with one taken earlier: npm run verify -- --digest <digest> --position <position>`);
    if (replacedInto) print(`What ${config.dataDir} held before was moved to ${replacedInto}.`);
    print('Start the service: the read models catch up from the restored ledger.');
    return 0;
  } catch (error) {
    if (!(error instanceof BackupRefusedError || error instanceof DataDirInUseError)) throw error;
    print(`Not restored: ${error.message}`);
    return 1;
  }
}

if (require.main === module) {
  runRestore(process.argv.slice(2), loadConfig(), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`The restore failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
