/**
 * docs/domain.md is where units and inspectors read what a task's states mean: its table of states
 * and their Vietnamese labels must be the code's, and the statuses it explains the ones the code has.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MILESTONE_STATES, MILESTONE_STATE_LABELS } from '../../../src/domain/indicator/reading';
import { TARGET_STATUSES } from '../../../src/domain/indicator/status';

const doc = fs.readFileSync(path.join(__dirname, '../../../docs/domain.md'), 'utf8');

describe('docs/domain.md', () => {
  it('lists exactly the milestone states, with the Vietnamese labels the service writes', () => {
    const header = doc.indexOf('| `state` | Vietnamese | meaning |');
    const table = doc.slice(header, doc.indexOf('\n\n', header)).split('\n').slice(2);
    const rows = table.map((line) => /^\s*\| `([a-z_]+)` \| ([^|]+?) \|/.exec(line)!).map((match) => [match[1], match[2]]);
    expect(rows).toEqual(MILESTONE_STATES.map((state) => [state, MILESTONE_STATE_LABELS[state]]));
  });

  it('names every target status', () => {
    const section = doc.slice(doc.indexOf('## Status of a target'), doc.indexOf('## How the seed maps the text'));
    for (const status of TARGET_STATUSES) expect({ status, named: section.includes(`\`${status}\``) }).toEqual({ status, named: true });
  });
});
