import { applyAll } from '../../projections/apply';
import { ALL_PROJECTIONS } from '../../projections';
import { QueryNotProjectedError, reportQueriesProjection, type ReportQueryDocument } from '../../projections/report-queries';
import { UnhandledEventError } from '../../projections/unhandled-event';
import type { LedgerEvent } from '../../src/domain/events';
import { handledTypes } from '../../projections/projection';
import { readModelOn } from '../../src/infrastructure/read-model-providers';
import { ReadModelAvailability } from '../../src/read-models/read-model-availability';
import { ReportQueriesReadModel } from '../../src/read-models/report-queries/report-queries.read-model';
import { storedReadModel } from '../support/read-model-store';
import type { Actor, RecordedEvent } from '../../src/shared/messages';
import { coordinator, recorded } from '../support/events';
import { IND, corrected, registered, reported } from './indicator-events';
import { answered, btcReporter, bulletin, inspector, queried, queryClosed } from './inspection-events';

const STREAM = `indicator-${IND}`;
const at = (position: number): string => new Date(Date.UTC(2021, 0, 1) + position * 60_000).toISOString();

/** Events of one indicator stream in order, revision = index, position = index + 1, each with its actor. */
function stream(...steps: Array<[LedgerEvent, Actor?]>): RecordedEvent<LedgerEvent>[] {
  return steps.map(([event, actor], i) => recorded(event, { streamId: STREAM, revision: i, position: i + 1, actor: actor ?? coordinator }));
}

function query(documents: Map<string, ReportQueryDocument>, queryId: string): ReportQueryDocument {
  const document = documents.get(queryId);
  if (!document) throw new Error(`no document for ${queryId}`);
  return document;
}

const base: Array<[LedgerEvent, Actor?]> = [[registered()], [reported('r1', 'new_members', '2021-Q1', 120), btcReporter], [queried('q1'), inspector]];

describe('report_queries projection', () => {
  it('is the report_queries read model, handles the query events, and is built by the runner', () => {
    expect(reportQueriesProjection.name).toBe('report_queries');
    expect(handledTypes(reportQueriesProjection).sort()).toEqual(['ReportQueried', 'ReportQueryAnswered', 'ReportQueryClosed']);
    expect(ALL_PROJECTIONS).toContain(reportQueriesProjection);
  });

  describe('ReportQueried', () => {
    it('opens the query with the question, the report and who asked', () => {
      const events = stream(...base);
      expect(reportQueriesProjection.documentIds(events[2])).toEqual(['q1']);
      expect(reportQueriesProjection.evolve(null, events[2], 'q1')).toEqual({
        _id: 'q1',
        queryId: 'q1',
        indicatorId: IND,
        reportId: 'r1',
        metric: 'new_members',
        period: '2021-Q1',
        unitId: 'ban-to-chuc-thanh-uy',
        question: 'Số liệu quý I căn cứ vào đâu?',
        requestedBy: { id: inspector.id, unitId: inspector.unitId },
        raisedAt: at(3),
        status: 'open',
        answers: [],
        answerCount: 0,
        closure: null,
        revision: 2,
        updatedAt: at(3),
        lastPosition: 3,
      });
    });

    it('keeps the first query if a query id came again', () => {
      const events = stream(...base, [queried('q1', 'Câu hỏi khác'), inspector]);
      expect(query(applyAll(reportQueriesProjection, events), 'q1').question).toBe('Số liệu quý I căn cứ vào đâu?');
    });
  });

  describe('ReportQueryAnswered', () => {
    it('records the answer with who answered, its documents and no correction; the query is answered', () => {
      const events = stream(...base, [answered('q1', { evidence: [bulletin] }), btcReporter]);
      expect(query(applyAll(reportQueriesProjection, events), 'q1')).toMatchObject({
        status: 'answered',
        answers: [
          {
            answer: 'Theo báo cáo của các chi bộ',
            answeredBy: { id: btcReporter.id, unitId: btcReporter.unitId },
            answeredAt: at(4),
            evidence: [{ ...bulletin }],
            correction: null,
            revision: 3,
          },
        ],
        answerCount: 1,
        revision: 3,
        updatedAt: at(4),
        lastPosition: 4,
      });
    });

    it('records the correction made with the answer, and optional evidence fields as null', () => {
      const correction = { previousValue: 120, value: 135, reason: 'Bổ sung 15 hồ sơ' };
      const events = stream(
        ...base,
        [corrected('r1', 'new_members', '2021-Q1', 120, 135, 'Bổ sung 15 hồ sơ'), btcReporter],
        [answered('q1', { correction, evidence: [{ title: 'Biên bản', documentRef: '12-BB', issuedOn: '2021-04-20' }] }), btcReporter],
      );
      const [answer] = query(applyAll(reportQueriesProjection, events), 'q1').answers;
      // Stored flat, as every read model stores a reading: a figure's milestone fields are null.
      const noMilestone = { previousState: null, previousNarrative: null, previousCompletedOn: null, state: null, narrative: null, completedOn: null };
      expect(answer.correction).toEqual({ ...correction, ...noMilestone });
      expect(answer.evidence).toEqual([{ title: 'Biên bản', documentRef: '12-BB', issuedOn: '2021-04-20', url: null, sha256: null }]);
    });

    it('keeps every answer in order', () => {
      const events = stream(...base, [answered('q1'), btcReporter], [answered('q1', { answer: 'Bổ sung biên bản' }), coordinator]);
      const document = query(applyAll(reportQueriesProjection, events), 'q1');
      expect(document.answers.map((a) => [a.answer, a.answeredBy.id])).toEqual([
        ['Theo báo cáo của các chi bộ', btcReporter.id],
        ['Bổ sung biên bản', coordinator.id],
      ]);
      expect(document).toMatchObject({ status: 'answered', answerCount: 2 });
    });

    it('refuses an answer to a query it has not seen', () => {
      const [orphan] = stream([answered('q9')]);
      expect(() => reportQueriesProjection.evolve(null, orphan, 'q9')).toThrow(QueryNotProjectedError);
    });

    it('does not reopen a closed query', () => {
      const events = stream(...base, [answered('q1')], [queryClosed('q1'), inspector], [answered('q1')]);
      expect(query(applyAll(reportQueriesProjection, events), 'q1')).toMatchObject({ status: 'closed', answerCount: 2 });
    });
  });

  describe('ReportQueryClosed', () => {
    it('closes the query with the conclusion and who closed it', () => {
      const events = stream(...base, [answered('q1'), btcReporter], [queryClosed('q1'), inspector]);
      expect(query(applyAll(reportQueriesProjection, events), 'q1')).toMatchObject({
        status: 'closed',
        closure: { conclusion: 'Số liệu có căn cứ', closedBy: { id: inspector.id, unitId: inspector.unitId }, closedAt: at(5), revision: 4 },
        revision: 4,
        lastPosition: 5,
      });
    });

    it('refuses a closure of a query it has not seen', () => {
      const [orphan] = stream([queryClosed('q9')]);
      expect(() => reportQueriesProjection.evolve(null, orphan, 'q9')).toThrow(QueryNotProjectedError);
    });
  });

  describe('other events', () => {
    it('names no document and cannot create one', () => {
      const [registration] = stream([registered()]);
      expect(reportQueriesProjection.documentIds(registration)).toEqual([]);
      expect(() => reportQueriesProjection.evolve(null, registration, 'x')).toThrow(UnhandledEventError);
    });

    it('leaves an existing document as it is', () => {
      const events = stream(...base);
      const document = query(applyAll(reportQueriesProjection, events), 'q1');
      const [, report] = stream([registered()], [reported('r5', 'new_members', '2021-Q2', 200)]);
      expect(reportQueriesProjection.evolve(document, { ...report, position: 99 }, 'q1')).toBe(document);
    });
  });

  describe('idempotency', () => {
    const events = stream(
      ...base,
      [queried('q2', 'Vì sao thấp hơn cùng kỳ?'), inspector],
      [answered('q1', { evidence: [bulletin] }), btcReporter],
      [answered('q2'), btcReporter],
      [queryClosed('q1'), inspector],
    );

    it('gives the same documents when the same events are replayed twice', () => {
      const once = applyAll(reportQueriesProjection, events);
      expect(applyAll(reportQueriesProjection, events, once)).toEqual(once);
      expect(applyAll(reportQueriesProjection, [...events, ...events])).toEqual(once);
      // Replaying only the answers is where a position-blind projection would append them twice.
      expect(applyAll(reportQueriesProjection, events.slice(4), once)).toEqual(once);
      expect([...once.keys()].sort()).toEqual(['q1', 'q2']);
      expect(query(once, 'q1')).toMatchObject({ status: 'closed', answerCount: 1 });
      expect(query(once, 'q2')).toMatchObject({ status: 'answered', answerCount: 1 });
    });

    it('round-trips through the read store, where status filters find the worklist', async () => {
      const documents = [...applyAll(reportQueriesProjection, events).values()];
      const { store } = await storedReadModel(reportQueriesProjection, documents, events.length);
      const worklist = readModelOn(ReportQueriesReadModel, store, new ReadModelAvailability());
      expect((await worklist.list({ status: 'answered' }, { limit: 10, offset: 0 })).items.map((d) => d.queryId)).toEqual(['q2']);
      expect((await worklist.list({}, { limit: 10, offset: 0 })).items.map((d) => d.queryId)).toEqual(['q1', 'q2']);
      await store.close();
    });

    it('never mutates the document it is given', () => {
      const first = applyAll(reportQueriesProjection, events.slice(0, 4));
      first.forEach((document) => Object.freeze(document.answers) && Object.freeze(document));
      const snapshot = structuredClone(first);
      applyAll(reportQueriesProjection, events.slice(4), first);
      expect(first).toEqual(snapshot);
    });
  });
});
