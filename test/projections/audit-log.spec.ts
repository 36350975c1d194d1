import { applyAll } from '../../projections/apply';
import { AUDIT_LOG_EVENT_TYPES, auditLogProjection, type AuditLogEntry } from '../../projections/audit-log';
import { ALL_PROJECTIONS } from '../../projections';
import { summarizeIndicatorEvent } from '../../projections/indicator-history';
import type { LedgerEvent } from '../../src/domain/events';
import type { ResolutionRegistered } from '../../src/domain/resolution/events';
import type { ReviewApproved } from '../../src/domain/review/events';
import type { Actor } from '../../src/shared/messages';
import { coordinator, history, recorded } from '../support/events';
import { IND, assessed, corrected, newMembers, reassigned, registered, reported, revised } from './indicator-events';
import { answered, btcReporter, inspector, queried, queryClosed } from './inspection-events';
import { BAN_TO_CHUC, UBND, unitDeactivated, unitRegistered, unitRenamed } from './unit-events';

const resolutionRegistered: ResolutionRegistered = {
  type: 'ResolutionRegistered',
  data: {
    resolutionId: 'hl-2021',
    title: 'Nghị quyết về phương hướng, nhiệm vụ năm 2021',
    issuingBody: 'Ban Chấp hành Đảng bộ Thành phố Hạ Long',
    year: 2021,
    parentResolution: '02-NQ/TU ngày 02/12/2020',
    theme: 'Năm đẩy mạnh chuyển đổi số',
  },
};

const reviewApproved: ReviewApproved = {
  type: 'ReviewApproved',
  data: {
    resolutionId: 'hl-2021',
    period: '2021-Q2',
    decisionRef: '15-BB/TU',
    meetingDate: '2021-07-15',
    position: 13,
    contentHash: 'a'.repeat(64),
    auditDigest: 'b'.repeat(64),
    digestAlgorithm: 'rfc6962-merkle-sha256',
  },
};

/** A year of the ledger touching every event type, as the write path would store it. */
const year: LedgerEvent[] = [
  resolutionRegistered,
  unitRegistered(BAN_TO_CHUC, 'Ban Tổ chức Thành ủy', { shortName: 'BTCTU' }),
  unitRegistered(UBND, 'Ủy ban nhân dân Thành phố'),
  registered(),
  reported('r1', 'new_members', '2021-Q1', 120, { note: 'Số liệu sơ bộ' }),
  corrected('r1', 'new_members', '2021-Q1', 120, 130),
  queried('q1'),
  answered('q1'),
  queryClosed('q1'),
  reassigned(BAN_TO_CHUC, UBND),
  revised(newMembers, { value: 400 }),
  unitRenamed(UBND, 'Ủy ban nhân dân Thành phố', 'UBND Thành phố Hạ Long'),
  unitDeactivated(BAN_TO_CHUC),
  assessed('achieved', [{ metric: 'new_members', latestValue: 460, status: 'achieved' }]),
  reviewApproved,
];

const events = history(year, 1);
const entries = (): Map<string, AuditLogEntry> => applyAll(auditLogProjection, events);
const entryOf = (type: string): AuditLogEntry => {
  const found = [...entries().values()].find((e) => e.type === type);
  if (!found) throw new Error(`no entry of type ${type}`);
  return found;
};

describe('audit_log projection', () => {
  it('is the audit_log read model, handles every ledger event type, and is built by the runner', () => {
    expect(auditLogProjection.name).toBe('audit_log');
    expect(Object.values(auditLogProjection.events).every((handling) => handling === 'handle')).toBe(true);
    expect(ALL_PROJECTIONS).toContain(auditLogProjection);
  });

  it('the test history covers every type the log handles (a new event type must get a branch here)', () => {
    expect(new Set(year.map((e) => e.type))).toEqual(new Set(AUDIT_LOG_EVENT_TYPES));
  });

  it('writes one entry per event of every stream, keyed by stream and revision', () => {
    const all = entries();
    expect(all.size).toBe(year.length);
    expect([...all.keys()]).toEqual(events.map((e) => `${e.streamId}:${e.revision}`));
  });

  it('records position, stream, revision, subject, actor, command, correlation and the chain hash', () => {
    const reporter: Actor = btcReporter;
    const event = recorded(reported('r9', 'new_members', '2021-Q2', 250), { streamId: `indicator-${IND}`, revision: 7, position: 42, actor: reporter, recordedAt: '2021-07-05T03:00:00.000Z' });
    const [entry] = applyAll(auditLogProjection, [event]).values();
    expect(entry).toEqual({
      _id: `indicator-${IND}:7`,
      position: 42,
      streamId: `indicator-${IND}`,
      revision: 7,
      subjectKind: 'indicator',
      subjectId: IND,
      type: 'ProgressReported',
      recordedAt: '2021-07-05T03:00:00.000Z',
      actor: { id: 'reporter-btc', unitId: 'ban-to-chuc-thanh-uy', roles: ['reporter'] },
      commandId: 'cmd-42',
      correlationId: 'corr-42',
      reason: null,
      decisionRef: null,
      summary: "Đơn vị ban-to-chuc-thanh-uy báo cáo 'new_members' kỳ 2021-Q2: 250",
      hash: event.metadata.hash,
      lastPosition: 42,
    });
  });

  describe('each event type', () => {
    it('ResolutionRegistered: the resolution is the subject', () => {
      expect(entryOf('ResolutionRegistered')).toMatchObject({
        subjectKind: 'resolution',
        subjectId: 'hl-2021',
        streamId: 'resolution-hl-2021',
        summary: 'Đăng ký nghị quyết hl-2021 năm 2021: Nghị quyết về phương hướng, nhiệm vụ năm 2021',
      });
    });

    it('ReviewApproved: the review (resolution and period) is the subject, with the meeting’s decision', () => {
      expect(entryOf('ReviewApproved')).toMatchObject({
        subjectKind: 'review',
        subjectId: 'hl-2021-2021-Q2',
        streamId: 'review-hl-2021-2021-Q2',
        reason: null,
        decisionRef: '15-BB/TU',
        summary: 'Ban Thường vụ thông qua báo cáo sơ kết 2021-Q2 theo 15-BB/TU',
      });
    });

    it('UnitRegistered: the unit, with its short name when it has one', () => {
      const [withShort, without] = [...entries().values()].filter((e) => e.type === 'UnitRegistered');
      expect(withShort).toMatchObject({ subjectKind: 'unit', subjectId: BAN_TO_CHUC, summary: `Đăng ký đơn vị ${BAN_TO_CHUC}: Ban Tổ chức Thành ủy (BTCTU)` });
      expect(without.summary).toBe(`Đăng ký đơn vị ${UBND}: Ủy ban nhân dân Thành phố`);
    });

    it('UnitRenamed: both names and the reason', () => {
      expect(entryOf('UnitRenamed')).toMatchObject({
        subjectKind: 'unit',
        subjectId: UBND,
        reason: 'Sắp xếp lại tổ chức bộ máy',
        decisionRef: null,
        summary: `Đổi tên đơn vị ${UBND}: Ủy ban nhân dân Thành phố → UBND Thành phố Hạ Long; lý do: Sắp xếp lại tổ chức bộ máy`,
      });
    });

    it('UnitDeactivated: the decision and the reason', () => {
      expect(entryOf('UnitDeactivated')).toMatchObject({
        subjectId: BAN_TO_CHUC,
        reason: 'Sáp nhập vào đơn vị khác',
        decisionRef: '150-QĐ/TU',
        summary: `Ngừng hoạt động đơn vị ${BAN_TO_CHUC} theo 150-QĐ/TU; lý do: Sáp nhập vào đơn vị khác`,
      });
    });

    it.each([
      ['IndicatorRegistered', null, null],
      ['ProgressReported', null, null],
      ['ProgressReportCorrected', 'Nhầm số liệu khi tổng hợp', null],
      ['ResponsibilityReassigned', 'Kiện toàn tổ chức bộ máy', '130-QĐ/TU'],
      ['TargetRevised', 'Ảnh hưởng của dịch Covid-19', '125-QĐ/TU'],
      ['IndicatorAssessed', null, '140-KL/TU'],
      ['ReportQueried', null, null],
      ['ReportQueryAnswered', null, null],
      ['ReportQueryClosed', null, null],
    ])('%s: the indicator is the subject, with the timeline’s Vietnamese summary (reason %p, decision %p)', (type, reason, decisionRef) => {
      const entry = entryOf(type);
      const event = events.find((e) => e.type === type);
      expect(entry).toMatchObject({ subjectKind: 'indicator', subjectId: IND, streamId: `indicator-${IND}`, reason, decisionRef });
      expect(entry.summary).toBe(summarizeIndicatorEvent(event as Parameters<typeof summarizeIndicatorEvent>[0]));
      expect(entry.summary.length).toBeGreaterThan(10);
    });
  });

  it('names who acted, with their unit and roles', () => {
    const event = recorded(queried('q2'), { streamId: `indicator-${IND}`, revision: 3, position: 9, actor: inspector });
    const [entry] = applyAll(auditLogProjection, [event]).values();
    expect(entry.actor).toEqual({ id: 'inspector-ubkt', unitId: 'co-quan-ubkt-thanh-tra', roles: ['inspector'] });
    expect(entryOf('UnitRegistered').actor).toEqual({ id: coordinator.id, unitId: coordinator.unitId, roles: ['coordinator'] });
  });

  it('keeps a null hash for an event written before the chain existed', () => {
    const event = recorded(registered(), { position: 1 });
    const legacy = { ...event, metadata: { ...event.metadata, hash: undefined as unknown as string } };
    expect([...applyAll(auditLogProjection, [legacy]).values()][0].hash).toBeNull();
  });

  it('gives the same documents when the same events are replayed twice, or from the middle', () => {
    const once = applyAll(auditLogProjection, events);
    expect(applyAll(auditLogProjection, events, once)).toEqual(once);
    expect(applyAll(auditLogProjection, events.slice(4, 9), once)).toEqual(once);
  });

  it('never lets an older event overwrite an entry', () => {
    const once = applyAll(auditLogProjection, events);
    const id = `${events[5].streamId}:${events[5].revision}`;
    const stale = { ...events[2], streamId: events[5].streamId, revision: events[5].revision };
    expect(auditLogProjection.evolve(once.get(id) ?? null, stale, id)).toBe(once.get(id));
  });
});
