/**
 * The shortcuts the projections take on every event must answer what the long way answers:
 * sorted insertion instead of a sort, folding only text that needs it, a summary formatted once
 * per event, only the reported target's standing recomputed.
 */
import type { LedgerEvent } from '../../src/domain/events';
import { applyAll } from '../../projections/apply';
import { entryIdOf, eventEntryId } from '../../projections/event-entry-id';
import type { RecordedIndicatorEvent } from '../../projections/indicator-event';
import { oneLine, summarizeIndicatorEvent } from '../../projections/indicator-history/summary';
import { indicatorsProjection, type IndicatorDocument } from '../../projections/indicators';
import { summarizeStatuses, withStandings, worstStatus } from '../../projections/indicators/targets';
import { withSortedId, withoutSortedId } from '../../projections/sorted-ids';
import { history } from '../support/events';
import { IND, corrected, excellentShare, registered, reported } from './indicator-events';

describe('sorted id lists', () => {
  it('insert in the order Array.prototype.sort gives, without duplicates, never changing the input', () => {
    const ids = ['bench-task-10', 'bench-task-2', 'ind-01', 'ind-20', 'Ind-5', 'task-ä', 'task-z'].sort();
    const frozen = Object.freeze([...ids]);
    for (const id of ['a', 'bench-task-1', 'bench-task-2', 'ind-1', 'zz', 'Ind-5', 'task-å', '']) {
      expect(withSortedId(frozen, id)).toEqual([...new Set([...ids, id])].sort());
    }
    expect(withSortedId([], 'x')).toEqual(['x']);
    expect(withoutSortedId(frozen, 'ind-01')).toEqual(ids.filter((id) => id !== 'ind-01'));
    expect(withoutSortedId(frozen, 'absent')).toEqual(ids);
    for (const id of ids) expect(withoutSortedId(frozen, id)).toEqual(ids.filter((other) => other !== id));
    expect(withoutSortedId(['b', 'a', 'c'], 'a')).toEqual(['b', 'c']);
  });
});

describe('oneLine', () => {
  const longWay = (text: string) => text.replace(/\s+/g, ' ').trim();

  it('folds exactly like replacing every whitespace run and trimming', () => {
    const texts = [
      'Đơn vị a báo cáo: 1.000',
      'two  spaces',
      'tab\there',
      'new\nline',
      ' leading',
      'trailing ',
      'nbsp\u00a0inside',
      'ideographic\u3000space',
      'line\u2028separator',
      '',
      ' ',
      'x',
      'đã\r\n  xong',
    ];
    for (const text of texts) expect(oneLine(text)).toBe(longWay(text));
  });

  it('returns a text already on one line as it is', () => {
    const text = `Đính chính báo cáo 'x' kỳ 2021-Q1: ${'1'} → ${'2'}`;
    expect(oneLine(text)).toBe(text);
  });
});

describe('summaries and entry ids formatted once per event', () => {
  const [first, second] = history([reported('r1', 'new_members', '2021-Q1', 120), reported('r2', 'new_members', '2021-Q2', 4500)]);

  it('gives the same text for the same event, the new text for another event, and honours a context', () => {
    const summary = summarizeIndicatorEvent(first as RecordedIndicatorEvent);
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent)).toBe(summary);
    expect(summary).toContain('120');
    expect(summarizeIndicatorEvent(second as RecordedIndicatorEvent)).toContain('4.500');
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent, { unitOf: () => 'đảng viên' })).toBe(`${summary} (đảng viên)`);
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent)).toBe(summary);
  });

  it('gives the entry id of the event it is asked about', () => {
    expect(entryIdOf(first)).toBe(eventEntryId(first.streamId, first.revision));
    expect(entryIdOf(second)).toBe(`${second.streamId}:${second.revision}`);
    expect(entryIdOf({ ...second, revision: 7 })).toBe(`${second.streamId}:7`);
  });
});

describe('indicators: a report recomputes its own target only', () => {
  /** The document with every target's standing recomputed from its figures: what the projection did on every event. */
  function recomputedInFull(document: IndicatorDocument): IndicatorDocument {
    const targets = withStandings(document.targets, document.figures);
    return { ...document, targets, statusSummary: summarizeStatuses(targets), worstStatus: worstStatus(targets) };
  }

  it('ends every step where a full recomputation of every target ends', () => {
    const events: LedgerEvent[] = [
      registered(),
      reported('r1', 'new_members', '2021-Q1', 120),
      reported('r2', excellentShare.metric, '2021-Q1', 10),
      reported('r3', 'new_members', '2021-H1', 300),
      corrected('r2', excellentShare.metric, '2021-Q1', 10, 40),
      reported('r4', 'new_members', '2021-06', 310),
      corrected('r3', 'new_members', '2021-H1', 300, 200),
      reported('r5', excellentShare.metric, '2021', 80),
      reported('r6', 'new_members', '2021', 460),
    ];
    const recorded = history(events);
    for (let end = 1; end <= recorded.length; end++) {
      const document = applyAll(indicatorsProjection, recorded.slice(0, end)).get(IND) as IndicatorDocument;
      expect(document).toEqual(recomputedInFull(document));
    }
  });
});
