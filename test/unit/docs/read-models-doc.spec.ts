/**
 * The read models table of docs/architecture.md is what analysts and operators look indexes up in:
 * every read model the projections write must be in it, with exactly the indexes they declare.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_PROJECTIONS } from '../../../projections';

/** `unique a + b` or `a`, as the table writes an index. */
function indexText(fields: readonly string[], unique: boolean | undefined): string {
  return `${unique ? 'unique ' : ''}${fields.join(' + ')}`;
}

function documentedTable(): Map<string, string[]> {
  const page = fs.readFileSync(path.join(__dirname, '../../../docs/architecture.md'), 'utf8');
  const start = page.indexOf('\n### Read models\n');
  const section = page.slice(start, page.indexOf('\n## ', start + 1));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const readModel = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!readModel) continue;
    // "unique `a + b`; `c`; `d` (every target's)" → ["unique a + b", "c", "d"]
    rows.set(readModel, [...(cells[4] ?? '').matchAll(/(unique )?`([^`]+)`/g)].map((match) => `${match[1] ?? ''}${match[2]}`));
  }
  return rows;
}

describe('the read models table of docs/architecture.md', () => {
  const table = documentedTable();
  const declared = new Map(ALL_PROJECTIONS.map((projection) => [projection.name, projection.indexes.map((index) => indexText(index.fields, index.unique))]));

  it('lists every read model the projections write, and no other', () => {
    expect([...table.keys()].sort()).toEqual([...declared.keys()].sort());
  });

  it.each([...declared.keys()])('lists exactly the indexes declared on %s', (readModel) => {
    expect([...(table.get(readModel) ?? [])].sort()).toEqual([...(declared.get(readModel) ?? [])].sort());
  });
});
