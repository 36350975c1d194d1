/** Reads the seed file. Its content is validated by the same commands and deciders as any request. */
import * as fs from 'node:fs';
import type { SeedFile } from './seed-file';

export class SeedFileError extends Error {}

export function loadSeedFile(file: string): SeedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedFileError(`Cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  const seed = parsed as Partial<SeedFile>;
  if (!seed || typeof seed !== 'object' || !seed.resolution || !Array.isArray(seed.units) || !Array.isArray(seed.indicators)) {
    throw new SeedFileError(`${file} must hold { resolution, units[], indicators[] }`);
  }
  return seed as SeedFile;
}
