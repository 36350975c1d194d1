/**
 * The review of a period, built from the ledger's events known at a cut-off: each indicator and
 * task with its targets' standing at the period's end and at the previous quarter's end, what was
 * recorded during the period, what was not reported, and the totals. A pure function of its events:
 * the approval hashes what it returns, and verification recomputes it. (It awaits only to let the
 * event loop turn between slices of a long ledger.)
 *
 * Each target's standing comes from the very fold the `indicators` read model uses (its latest
 * figure and status rules), applied to the indicator's events without the reports for periods
 * ending after the period's end (nor their corrections and queries): a Q3 figure cannot reach the
 * Q2 review, whenever it was filed. What else is known at the cut-off counts as it stands then:
 * the target as last revised, the unit responsible, the units' names.
 */
import { indicatorViewFromEvents, type IndicatorDocument, type IndicatorTargetView } from '../../../projections/indicators';
import { isIndicatorEvent, type RecordedIndicatorEvent } from '../../../projections/indicator-event';
import { worstStatus } from '../../../projections/indicators/targets';
import type { RecordedLedgerEvent } from '../../domain/events';
import { parsePeriod, periodLastDay, type Period } from '../../domain/indicator/period';
import { changeBetween, type Standing } from '../../domain/review/change';
import { parseReviewPeriod, periodFirstDay, previousQuarter, reportsOn, visibleIn } from '../../domain/review/review-period';
import { NotFoundError } from '../../shared/errors';
import { nextTurn, TurnBudget } from '../../shared/next-turn';
import { activityOf } from './review-activity';
import type { ReviewContent, ReviewItem, ReviewStanding, ReviewTargetLine } from './review-content.types';
import { missingReportsOf, totalsOf } from './review-totals';

interface LedgerParts {
  resolutionId: string | null;
  unitNames: Map<string, string>;
  indicators: Map<string, RecordedIndicatorEvent[]>;
}

/** Events folded between two turns of the event loop: a few milliseconds of work, so a long ledger holds up no other request. */
const EVENTS_PER_TURN = 2000;

export async function buildReviewContent(events: readonly RecordedLedgerEvent[], periodText: string): Promise<ReviewContent> {
  const period = parseReviewPeriod(periodText);
  const previous = previousQuarter(period);
  const parts = partsOf(events, period.year);
  if (parts.resolutionId === null) {
    // The resolution is registered (ReviewResolutions found it), but not yet at this cut-off.
    throw new NotFoundError('RESOLUTION_NOT_FOUND', `The resolution of ${period.year} was not yet registered at the review's cut-off: there is nothing to review for ${period.id} as of then (a later asOf shows it)`, {
      year: period.year,
    });
  }
  const items: ReviewItem[] = [];
  const activity: RecordedIndicatorEvent[] = [];
  const turns = new TurnBudget(EVENTS_PER_TURN);
  for (const stream of parts.indicators.values()) {
    const registration = stream[0];
    if (registration.type !== 'IndicatorRegistered' || registration.data.resolutionId !== parts.resolutionId) continue;
    items.push(itemOf(stream, period, previous, parts.unitNames));
    activity.push(...stream);
    if (turns.spend(stream.length)) await nextTurn();
  }
  items.sort(compareItems);
  return {
    resolutionId: parts.resolutionId,
    period: period.id,
    periodStart: periodFirstDay(period),
    periodEnd: periodLastDay(period),
    previousPeriod: previous?.id ?? null,
    items,
    recorded: activityOf(activity, period),
    missingReports: missingReportsOf(items, parts.unitNames),
    totals: totalsOf(items),
  };
}

/** The resolution of the year, the units' current names, and each indicator's events, in stream order. */
function partsOf(events: readonly RecordedLedgerEvent[], year: number): LedgerParts {
  const parts: LedgerParts = { resolutionId: null, unitNames: new Map(), indicators: new Map() };
  for (const event of events) {
    if (isIndicatorEvent(event)) {
      const stream = parts.indicators.get(event.data.indicatorId);
      if (stream) stream.push(event);
      else parts.indicators.set(event.data.indicatorId, [event]);
      continue;
    }
    switch (event.type) {
      case 'ResolutionRegistered':
        if (event.data.year === year && parts.resolutionId === null) parts.resolutionId = event.data.resolutionId;
        break;
      case 'UnitRegistered':
      case 'UnitRenamed':
        parts.unitNames.set(event.data.unitId, event.data.name);
        break;
      default:
        break;
    }
  }
  return parts;
}

function itemOf(stream: readonly RecordedIndicatorEvent[], period: Period, previous: Period | null, unitNames: ReadonlyMap<string, string>): ReviewItem {
  const now = standingsAt(stream, period);
  const before = previous ? standingsAt(stream, previous) : null;
  const reported = metricsReportedFor(stream, period);
  const targets = now.targets.map((target): ReviewTargetLine => {
    const earlier = before?.targets.find((t) => t.metric === target.metric) ?? null;
    const standing = standingOf(target);
    const previousStanding = earlier ? standingOf(earlier) : null;
    return {
      metric: target.metric,
      label: target.label,
      kind: target.kind,
      comparator: target.comparator,
      value: target.value,
      min: target.min,
      max: target.max,
      unit: target.unit,
      dueDate: target.dueDate,
      ...standing,
      reportedForPeriod: reported.has(target.metric),
      previous: previous ? (previousStanding ?? emptyStanding()) : null,
      change: previous ? changeBetween(target, readingOf(previousStanding ?? emptyStanding()), readingOf(standing)) : null,
    };
  });
  return {
    indicatorId: now.id,
    number: now.number,
    kind: now.kind,
    group: now.group,
    section: now.section,
    name: now.name,
    responsibleUnitId: now.responsibleUnitId,
    responsibleUnitName: unitNames.get(now.responsibleUnitId) ?? null,
    worstStatus: worstStatus(now.targets),
    targets,
  };
}

/** The indicator as its events make it without any report for a period ending after `period` (nor what concerns such reports). */
function standingsAt(stream: readonly RecordedIndicatorEvent[], period: Period): IndicatorDocument {
  const visible = stream.filter((event) => !('period' in event.data) || visibleIn(parsePeriod(event.data.period), period));
  // The registration is the stream's first event and carries no period: the fold always has it.
  return indicatorViewFromEvents(visible)!;
}

function metricsReportedFor(stream: readonly RecordedIndicatorEvent[], period: Period): Set<string> {
  const metrics = new Set<string>();
  for (const event of stream) {
    if (event.type === 'ProgressReported' && reportsOn(parsePeriod(event.data.period), period)) metrics.add(event.data.metric);
  }
  return metrics;
}

function standingOf(target: IndicatorTargetView): ReviewStanding {
  const { latestValue, latestState, latestCompletedOn, latestPeriod, latestReportId, status } = target;
  return { latestValue, latestState, latestCompletedOn, latestPeriod, latestReportId, status };
}

function emptyStanding(): ReviewStanding {
  return { latestValue: null, latestState: null, latestCompletedOn: null, latestPeriod: null, latestReportId: null, status: 'no_data' };
}

function readingOf(standing: ReviewStanding): Standing {
  return { status: standing.status, value: standing.latestValue, state: standing.latestState };
}

/** Key indicators by number, then tasks by section (numerals compared as numbers), then id. */
function compareItems(a: ReviewItem, b: ReviewItem): number {
  if (a.kind !== b.kind) return a.kind === 'indicator' ? -1 : 1;
  if (a.number !== b.number) return (a.number ?? 0) - (b.number ?? 0);
  return compareSections(a.section, b.section) || (a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0);
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function sectionPart(part: string): number | string {
  if (/^\d+$/.test(part)) return Number(part);
  if (/^[IVXLC]+$/.test(part)) {
    let total = 0;
    for (let i = 0; i < part.length; i++) {
      const value = ROMAN[part[i]];
      total += i + 1 < part.length && ROMAN[part[i + 1]] > value ? -value : value;
    }
    return total;
  }
  return part;
}

export function compareSections(a: string, b: string): number {
  const left = a.split('.').map(sectionPart);
  const right = b.split('.').map(sectionPart);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return left.length - right.length;
}
