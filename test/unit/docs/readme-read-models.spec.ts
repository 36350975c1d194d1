/**
 * README's "Read models (collections)" table is what analysts query MongoDB by: every collection the
 * projections write must be in it, with exactly the indexes the projections declare (an analyst's
 * query that misses an index scans the collection).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_PROJECTIONS } from '../../../projections';

/** `unique a + b` or `a`, as README writes an index. */
function indexText(key: Record<string, unknown>, unique: boolean | undefined): string {
  return `${unique ? 'unique ' : ''}${Object.keys(key).join(' + ')}`;
}

function readmeTable(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
  const start = readme.indexOf('\n## Read models (collections)\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const collection = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!collection) continue;
    // "unique `a + b`; `c`, `d`" → ["unique a + b", "c", "d"]
    const indexes = [...(cells[4] ?? '').matchAll(/(unique )?`([^`]+)`/g)].map((match) => `${match[1] ?? ''}${match[2]}`);
    rows.set(collection, indexes);
  }
  return rows;
}

describe("README's read models table", () => {
  const table = readmeTable();
  const declared = new Map<string, string[]>();
  for (const projection of ALL_PROJECTIONS) {
    const indexes = declared.get(projection.collection) ?? [];
    for (const index of projection.indexes) {
      const text = indexText(index.key, index.unique);
      if (!indexes.includes(text)) indexes.push(text);
    }
    declared.set(projection.collection, indexes);
  }

  it('lists every collection the projections write, and no other', () => {
    expect([...table.keys()].sort()).toEqual([...declared.keys()].sort());
  });

  it.each([...declared.keys()])('lists exactly the indexes declared on %s', (collection) => {
    expect([...(table.get(collection) ?? [])].sort()).toEqual([...(declared.get(collection) ?? [])].sort());
  });
});
