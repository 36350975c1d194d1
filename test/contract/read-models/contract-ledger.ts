/**
 * The ledger every read-model contract suite projects: events of every type, built so that the
 * queries meet what they must get right — ties in every sort key (numbers, sections, years, raised
 * times, recorded times), nulls (tasks without a number, resolutions known only by name, actors
 * without a unit), every target status, reports citing the same file, queries in every state,
 * reassigned and deactivated units. Documents come from the real projections (`applyAll`).
 */
import { applyAll } from '../../../projections/apply';
import type { ProjectedDocument, ProjectionDefinition } from '../../../projections/projection';
import type { LedgerEvent, RecordedLedgerEvent } from '../../../src/domain/events';
import type { Evidence } from '../../../src/domain/indicator/evidence';
import type { IndicatorKind } from '../../../src/domain/indicator/events';
import type { Target } from '../../../src/domain/indicator/target';
import type { Actor } from '../../../src/shared/messages';
import { coordinator, recorded } from '../../support/events';
import { corrected, reassigned, registered, reported, revised } from '../../projections/indicator-events';
import { answered, btcReporter, HASH_A, HASH_B, inspector, queried, queryClosed } from '../../projections/inspection-events';
import { unitDeactivated, unitRegistered, unitRenamed } from '../../projections/unit-events';

export const HASH_C = 'c'.repeat(64);
/** A hash no document cites. */
export const HASH_UNCITED = 'd'.repeat(64);

export const economyReporter: Actor = { id: 'reporter-pkt', unitId: 'phong-kinh-te', roles: ['reporter'] };
/** The seed acts for no unit. */
export const seedActor: Actor = { id: 'seed', unitId: null, roles: ['coordinator'] };

export const UNITS = ['ban-to-chuc-thanh-uy', 'phong-kinh-te', 'phong-y-te', 'ubnd-thanh-pho', 'van-phong-thanh-uy', 'co-quan-ubkt-thanh-tra'] as const;
/** Named by indicators, never registered: its document is a placeholder. */
export const PLACEHOLDER_UNIT = 'phong-giao-duc';
export const RESPONSIBLE_UNITS = ['ban-to-chuc-thanh-uy', 'phong-kinh-te', 'phong-y-te', 'ubnd-thanh-pho', PLACEHOLDER_UNIT] as const;
export const GROUPS = ['economy', 'culture_society', 'party_building', 'environment'] as const;

const members: Target = { metric: 'members', label: 'Kết nạp từ 100 đảng viên trở lên', comparator: '>=', value: 100, unit: 'đảng viên', measure: 'count', accumulation: 'cumulative' };
const share: Target = { metric: 'share', label: 'Tỷ lệ đạt từ 50% trở lên', comparator: '>=', value: 50, unit: '%', measure: 'share', accumulation: 'level' };
const completion: Target = { metric: 'completion', label: 'Hoàn thành trong năm', comparator: '>=', value: 100, unit: '%', measure: 'share', accumulation: 'level' };

interface IndicatorPlan {
  id: string;
  kind: IndicatorKind;
  number?: number;
  section: string;
  resolutionId: string;
  targets: Target[];
}

/**
 * Key indicators 1–12 in order, then the ties: ind-13 and ind-12 share number 5 with ind-05
 * (ind-13 in an earlier section, ind-12 in the same one: `_id` decides), ind-14 has no number.
 * Tasks share sections ('II.10' sorts before 'II.2': text order, as both stores compare).
 */
const INDICATORS: IndicatorPlan[] = [
  ...Array.from({ length: 11 }, (_, i): IndicatorPlan => ({
    id: `ind-${String(i + 1).padStart(2, '0')}`,
    kind: 'indicator',
    number: i + 1,
    section: i + 1 === 5 ? 'I.3' : `I.${(i % 3) + 1}`,
    resolutionId: i < 8 ? 'hl-2021' : 'hl-2022',
    targets: i % 2 === 0 ? [members, share] : [members],
  })),
  { id: 'ind-12', kind: 'indicator', number: 5, section: 'I.3', resolutionId: 'hl-2021', targets: [share] },
  { id: 'ind-13', kind: 'indicator', number: 5, section: 'I.1', resolutionId: 'ref-only-b', targets: [members] },
  { id: 'ind-14', kind: 'indicator', section: 'I.9', resolutionId: 'ref-only-a', targets: [share, members] },
  ...['II.2', 'II.1', 'II.10', 'II.1', 'III.1', 'II.2', 'II.1', 'II.3'].map(
    (section, i): IndicatorPlan => ({ id: `task-${String(8 - i).padStart(2, '0')}`, kind: 'task', section, resolutionId: i < 6 ? 'hl-2021' : 'ref-only-a', targets: [completion] }),
  ),
];

/** Numbers the events: global positions from 1, revisions and hash chains per stream, recorded times that tie in threes. */
class LedgerWriter {
  readonly events: RecordedLedgerEvent[] = [];
  private readonly tips = new Map<string, { revision: number; hash: string }>();
  private readonly start = Date.parse('2021-04-01T01:00:00.000Z');

  add(event: LedgerEvent, actor: Actor = coordinator): void {
    const position = this.events.length + 1;
    const streamId = streamOf(event);
    const tip = this.tips.get(streamId);
    const revision = tip ? tip.revision + 1 : 0;
    // Three events in a row share a recorded time: ties for the date filters and the raised-time order.
    const recordedAt = new Date(this.start + Math.floor(position / 3) * 37 * 60_000).toISOString();
    const sealed = recorded(event, { streamId, revision, position, actor, recordedAt, prevHash: tip?.hash });
    this.tips.set(streamId, { revision, hash: sealed.metadata.hash });
    this.events.push(sealed as RecordedLedgerEvent);
  }
}

function streamOf(event: LedgerEvent): string {
  const data = event.data as { indicatorId?: string; unitId?: string; resolutionId?: string };
  if (event.type.startsWith('Unit')) return `unit-${data.unitId}`;
  if (event.type === 'ResolutionRegistered') return `resolution-${data.resolutionId}`;
  return `indicator-${data.indicatorId}`;
}

const evidence = (sha256: string | undefined, ref: string): Evidence => ({
  title: `Báo cáo ${ref}`,
  documentRef: ref,
  issuedOn: '2021-03-31',
  ...(sha256 ? { sha256, url: `https://example.org/${ref}.pdf` } : {}),
});

function resolutionRegistered(resolutionId: string, year: number): LedgerEvent {
  return {
    type: 'ResolutionRegistered',
    data: { resolutionId, title: `Nghị quyết ${resolutionId}`, issuingBody: 'Thành ủy Hạ Long', year, parentResolution: '02-NQ/TU', theme: 'Năm hành động' },
  };
}

function buildLedger(): RecordedLedgerEvent[] {
  const ledger = new LedgerWriter();
  // Two resolutions of 2021 tie on the year; two more are only named by indicators (year null).
  for (const [id, year] of [['hl-2021', 2021], ['qn-2021', 2021], ['hl-2022', 2022], ['hl-2020', 2020]] as const) ledger.add(resolutionRegistered(id, year), seedActor);
  for (const unitId of UNITS) ledger.add(unitRegistered(unitId, `Đơn vị ${unitId}`, unitId === 'ubnd-thanh-pho' ? { shortName: 'UBND' } : {}), seedActor);
  ledger.add(unitRenamed('ubnd-thanh-pho', 'Đơn vị ubnd-thanh-pho', 'Ủy ban nhân dân thành phố'));

  INDICATORS.forEach((plan, i) => {
    const data = {
      indicatorId: plan.id,
      resolutionId: plan.resolutionId,
      kind: plan.kind,
      section: plan.section,
      group: GROUPS[i % GROUPS.length],
      name: `Chỉ tiêu ${plan.id}`,
      responsibleUnitId: RESPONSIBLE_UNITS[i % RESPONSIBLE_UNITS.length],
      targets: plan.targets,
    };
    const event = registered(data);
    // The builder's default number stays unless the plan has one: a task or ind-14 has none.
    if (plan.number === undefined) delete (event.data as { number?: number }).number;
    else event.data.number = plan.number;
    ledger.add(event, i % 4 === 3 ? seedActor : coordinator);
  });

  // Reports: values chosen by position so the targets end up in every status.
  let reportNumber = 0;
  const reports: Array<{ id: string; indicatorId: string; metric: string; period: string; value: number; unitId: string }> = [];
  INDICATORS.forEach((plan, i) => {
    const unitId = RESPONSIBLE_UNITS[i % RESPONSIBLE_UNITS.length];
    plan.targets.forEach((target, t) => {
      // ind-11's two targets end up in the same status: it must still be listed once under it.
      const pattern = plan.id === 'ind-11' ? 1 : (i + t) % 5;
      if (pattern === 4) return; // no report: no_data
      const period = pattern === 2 || pattern === 3 ? '2021' : '2021-Q2';
      const value = [60, 20, 120, 30][pattern] * (target.metric === 'members' ? 1 : 0.5);
      reportNumber += 1;
      const id = `rep-${String(reportNumber).padStart(3, '0')}`;
      // HASH_A is cited by several reports (some of one indicator and period), HASH_B by one, some cite a file without a hash, most nothing.
      const cites = i % 3 === 0 ? [evidence(HASH_A, `A-${id}`)] : i === 4 ? [evidence(HASH_B, 'B-1'), evidence(undefined, 'no-hash')] : i % 7 === 1 ? [evidence(undefined, 'paper')] : undefined;
      const actor = i % 2 === 0 ? btcReporter : i % 5 === 1 ? seedActor : economyReporter;
      ledger.add(reported(id, target.metric, period, value, { indicatorId: plan.id, unitId, ...(cites ? { evidence: cites } : {}) }), actor);
      reports.push({ id, indicatorId: plan.id, metric: target.metric, period, value, unitId });
    });
  });

  // Corrections, one citing HASH_C: a file cited by a correction is cited by the report.
  for (const [n, report] of reports.entries()) {
    if (n % 4 !== 1) continue;
    const correction = corrected(report.id, report.metric, report.period, report.value, report.value + 5);
    correction.data.indicatorId = report.indicatorId;
    if (n === 5) correction.data.evidence = [evidence(HASH_C, 'C-1')];
    ledger.add(correction, n % 8 === 1 ? coordinator : economyReporter);
  }

  // Inspection queries on every third report: some answered (one citing HASH_A), some closed, the rest open.
  for (const [n, report] of reports.entries()) {
    if (n % 3 !== 0) continue;
    const queryId = `q-${String(n).padStart(3, '0')}`;
    const raise = queried(queryId, `Căn cứ số liệu ${report.id}?`, report.id);
    Object.assign(raise.data, { indicatorId: report.indicatorId, metric: report.metric, period: report.period, unitId: report.unitId });
    ledger.add(raise, inspector);
    if (n % 2 === 0) {
      const answer = answered(queryId, n % 4 === 0 ? { evidence: [evidence(HASH_A, `A-answer-${queryId}`)] } : {}, report.id);
      Object.assign(answer.data, { indicatorId: report.indicatorId, metric: report.metric, period: report.period });
      ledger.add(answer, btcReporter);
    }
    if (n % 9 === 0) {
      const close = queryClosed(queryId, 'Số liệu có căn cứ', report.id);
      Object.assign(close.data, { indicatorId: report.indicatorId, metric: report.metric, period: report.period });
      ledger.add(close, inspector);
    }
  }

  // Responsibility moves off phong-y-te, which is then deactivated; a target is revised.
  for (const [n, plan] of INDICATORS.entries()) {
    if (RESPONSIBLE_UNITS[n % RESPONSIBLE_UNITS.length] !== 'phong-y-te') continue;
    const move = reassigned('phong-y-te', n % 2 === 0 ? 'ubnd-thanh-pho' : 'phong-kinh-te');
    move.data.indicatorId = plan.id;
    ledger.add(move);
  }
  ledger.add(unitDeactivated('phong-y-te'));
  const revision = revised(members, { value: 90 });
  revision.data.indicatorId = 'ind-03';
  ledger.add(revision);
  return ledger.events;
}

/** The contract ledger, built once. */
export const CONTRACT_LEDGER: readonly RecordedLedgerEvent[] = buildLedger();

/** The global position of its last event: the checkpoint the stored read models are written at. */
export const LEDGER_HEAD = CONTRACT_LEDGER.length;

/** A read model's documents from the whole ledger, by `_id`. */
export function documentsOf<D extends ProjectedDocument>(projection: ProjectionDefinition<D>): D[] {
  return [...applyAll(projection, CONTRACT_LEDGER).values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/** The distinct values of a field among the documents, plus one no document holds: what filters are drawn from. */
export function valuesAndUnknown<T>(values: Iterable<T>, unknown: T): T[] {
  return [...new Set(values), unknown];
}
