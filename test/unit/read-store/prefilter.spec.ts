/**
 * The quick tests in front of mingo (src/read-store/prefilter.ts) must answer exactly what mingo
 * answers, and leave to mingo only what they cannot decide: checked here for every filter against
 * every document of a table built to sit on the edges (types, -0, NaN, arrays, missing fields).
 */
import { compileFilter } from '../../../src/read-store/mingo-query';
import { withQuickTests } from '../../../src/read-store/prefilter';
import type { ReadDocument } from '../../../src/read-store/read-store.port';

const VALUES: unknown[] = [undefined, null, 0, -0, 1, 4, 4.5, '4', '', 'A', 'B', 'a', '2026-03', '2026-03-01', true, false, Number.NaN, [4], ['A', 'B'], [], { v: 'A' }, [[4]]];

const DOCUMENTS: ReadDocument[] = VALUES.flatMap((value, i) => [
  { _id: `top${i}`, ...(value === undefined ? {} : { v: value }), other: 'x' },
  { _id: `nested${i}`, n: value === undefined ? {} : { v: value }, other: 'y' },
  { _id: `through-array${i}`, n: [{ v: value }], other: 'x' },
]);

const FILTERS: Array<Record<string, unknown>> = [
  { v: 4 },
  { v: 0 },
  { v: -0 },
  { v: '4' },
  { v: 'A' },
  { v: true },
  { v: null },
  { v: Number.NaN },
  { v: { $in: [Number.NaN, 4] } },
  { 'n.v': 'A' },
  { 'n.v': 4 },
  { v: { $in: ['A', 4] } },
  { v: { $in: [0, false] } },
  { v: { $in: [null, 'A'] } },
  { 'n.v': { $in: ['B'] } },
  { v: { $gte: 1 } },
  { v: { $gt: 0, $lte: 4 } },
  { v: { $lt: 4.5 } },
  { v: { $gte: '2026-03', $lt: '2026-04' } },
  { v: { $gt: '2026-03' } },
  { v: { $lte: 'A' } },
  { v: { $gte: 'a', $lte: 4 } },
  { 'n.v': { $gte: 0 } },
  { v: { $ne: 'A' } },
  { v: 'A', other: 'x' },
  { v: 'A', other: { $ne: 'x' } },
  { v: { $gte: 1 }, 'n.v': { $exists: false } },
  { v: 4, $or: [{ other: 'x' }, { other: 'y' }] },
];

describe('quick tests in front of mingo', () => {
  it.each(FILTERS.map((filter) => [JSON.stringify(filter), filter]))('%s: the same answer as mingo for every document', (_name, filter) => {
    const full = compileFilter(filter);
    const quick = withQuickTests(filter, full);
    for (const document of DOCUMENTS) expect([document._id, quick(document)]).toEqual([document._id, full(document)]);
  });

  it('asks mingo nothing when every condition is understood and every value is one plain scalar', () => {
    const asked: string[] = [];
    const full = (document: ReadDocument) => (asked.push(document._id), false);
    const plain = DOCUMENTS.filter((document) => document._id.startsWith('top') && !Array.isArray((document as { v?: unknown }).v) && typeof (document as { v?: unknown }).v !== 'object' && !Number.isNaN((document as { v?: unknown }).v));
    for (const filter of [{ v: 4 }, { v: { $in: ['A', 4] } }, { v: { $gte: 'A' }, other: 'x' }]) {
      const quick = withQuickTests(filter, full);
      for (const document of plain) quick(document);
    }
    expect(asked).toEqual([]);
  });

  it('asks mingo about what it cannot decide: arrays, objects, NaN, and conditions it does not understand', () => {
    const asked: string[] = [];
    const full = (document: ReadDocument) => (asked.push(document._id), true);
    const byId = new Map(DOCUMENTS.map((document) => [document._id, document]));
    withQuickTests({ v: 4 }, full)(byId.get(`top${VALUES.findIndex((value) => Array.isArray(value) && value[0] === 4)}`)!);
    withQuickTests({ v: { $gte: 1 } }, full)(byId.get(`top${VALUES.findIndex((value) => Number.isNaN(value))}`)!);
    withQuickTests({ 'n.v': 'A' }, full)(byId.get(`through-array${VALUES.indexOf('A')}`)!);
    withQuickTests({ v: 'A', other: { $ne: 'y' } }, full)(byId.get(`top${VALUES.indexOf('A')}`)!);
    expect(asked).toHaveLength(4);
  });
});
