import { handledTypes } from '../../projections/projection';
import type { Actor } from '../../src/shared/messages';
import { applyAll } from '../../projections/apply';
import { byId, storedReadModel } from '../support/read-model-store';
import {
  ReportNotProjectedError,
  progressReportsProjection,
  type ProgressReportDocument,
} from '../../projections/progress-reports';
import { UnhandledEventError } from '../../projections/unhandled-event';
import { coordinator, history, recorded } from '../support/events';
import { IND, corrected, registered, reported } from './indicator-events';

const reporter: Actor = { id: 'reporter-btc', unitId: 'ban-to-chuc-thanh-uy', roles: ['reporter'] };
const STREAM = `indicator-${IND}`;

/** recordedAt that test/support/events.ts gives the event at a position. */
const at = (position: number): string => new Date(Date.UTC(2021, 0, 1) + position * 60_000).toISOString();

function report(documents: Map<string, ProgressReportDocument>, reportId: string): ProgressReportDocument {
  const document = documents.get(reportId);
  if (!document) throw new Error(`no document for ${reportId}`);
  return document;
}

describe('progress_reports projection', () => {
  const firstReport = recorded(reported('r1', 'new_members', '2021-Q1', 120, { note: 'Số liệu quý I' }), {
    streamId: STREAM,
    revision: 1,
    position: 10,
    actor: reporter,
  });

  it('is the progress_reports read model and handles the report events', () => {
    expect(progressReportsProjection.name).toBe('progress_reports');
    expect(handledTypes(progressReportsProjection).sort()).toEqual(['ProgressReportCorrected', 'ProgressReported', 'ReportQueryAnswered']);
  });

  describe('ProgressReported', () => {
    it('creates the report document', () => {
      expect(progressReportsProjection.documentIds(firstReport)).toEqual(['r1']);
      expect(progressReportsProjection.evolve(null, firstReport, 'r1')).toEqual({
        _id: 'r1',
        reportId: 'r1',
        indicatorId: IND,
        metric: 'new_members',
        period: '2021-Q1',
        unitId: 'ban-to-chuc-thanh-uy',
        originalValue: 120,
        originalState: null,
        state: null,
        narrative: null,
        completedOn: null,
        value: 120,
        note: 'Số liệu quý I',
        reportedBy: { id: 'reporter-btc', unitId: 'ban-to-chuc-thanh-uy' },
        reportedAt: at(10),
        corrections: [],
        correctionCount: 0,
        evidence: [],
        hasEvidence: false,
        revision: 1,
        updatedAt: at(10),
        lastPosition: 10,
      });
    });

    it('stores a missing note as null', () => {
      const documents = applyAll(progressReportsProjection, history([reported('r2', 'excellent_share', '2021-H1', 18.5)]));
      expect(report(documents, 'r2')).toMatchObject({ note: null, value: 18.5, originalValue: 18.5 });
    });

    it('keeps the first report if a report id came twice', () => {
      const first = progressReportsProjection.evolve(null, firstReport, 'r1');
      const again = recorded(reported('r1', 'new_members', '2021-Q1', 999), { streamId: STREAM, revision: 2, position: 11 });
      expect(progressReportsProjection.evolve(first, again, 'r1')).toBe(first);
    });
  });

  describe('ProgressReportCorrected', () => {
    const withNote = corrected('r1', 'new_members', '2021-Q1', 120, 135);
    withNote.data.note = 'Bổ sung 15 hồ sơ';
    const correction = recorded(withNote, { streamId: STREAM, revision: 4, position: 20, actor: coordinator });

    it('appends the correction and changes the current value, keeping the original', () => {
      const documents = applyAll(progressReportsProjection, [firstReport, correction]);
      expect(report(documents, 'r1')).toEqual({
        ...progressReportsProjection.evolve(null, firstReport, 'r1'),
        value: 135,
        originalValue: 120,
        corrections: [
          {
            previousValue: 120,
            value: 135,
            previousState: null,
            state: null,
            previousNarrative: null,
            narrative: null,
            previousCompletedOn: null,
            completedOn: null,
            reason: 'Nhầm số liệu khi tổng hợp',
            note: 'Bổ sung 15 hồ sơ',
            correctedBy: { id: coordinator.id, unitId: coordinator.unitId },
            correctedAt: at(20),
            revision: 4,
          },
        ],
        correctionCount: 1,
        revision: 4,
        updatedAt: at(20),
        lastPosition: 20,
      });
    });

    it('keeps every correction in order, the last one giving the value', () => {
      const documents = applyAll(
        progressReportsProjection,
        history([
          registered(),
          reported('r1', 'new_members', '2021', 380),
          corrected('r1', 'new_members', '2021', 380, 460),
          corrected('r1', 'new_members', '2021', 460, 455, 'Trùng 5 hồ sơ'),
        ]),
      );
      const document = report(documents, 'r1');
      expect(document.corrections.map(({ previousValue, value, reason, note }) => ({ previousValue, value, reason, note }))).toEqual([
        { previousValue: 380, value: 460, reason: 'Nhầm số liệu khi tổng hợp', note: null },
        { previousValue: 460, value: 455, reason: 'Trùng 5 hồ sơ', note: null },
      ]);
      expect(document).toMatchObject({ originalValue: 380, value: 455, correctionCount: 2, revision: 3, lastPosition: 4 });
    });

    it('refuses a correction of a report it has not seen', () => {
      expect(() => progressReportsProjection.evolve(null, correction, 'r1')).toThrow(ReportNotProjectedError);
    });
  });

  describe('events it does not handle', () => {
    const registration = recorded(registered(), { position: 1 });

    it('names no document and cannot create one', () => {
      expect(progressReportsProjection.documentIds(registration)).toEqual([]);
      expect(() => progressReportsProjection.evolve(null, registration, IND)).toThrow(UnhandledEventError);
    });
  });

  describe('idempotency', () => {
    const events = history([
      registered(),
      reported('r1', 'new_members', '2021-Q1', 120),
      reported('r2', 'excellent_share', '2021-Q1', 15),
      corrected('r1', 'new_members', '2021-Q1', 120, 135),
      reported('r3', 'new_members', '2021-Q2', 250),
      corrected('r1', 'new_members', '2021-Q1', 135, 140),
    ]);

    it('round-trips through the read store unchanged, under its own indexes', async () => {
      const documents = [...applyAll(progressReportsProjection, events).values()];
      const { store, generation } = await storedReadModel(progressReportsProjection, documents, events.length);
      expect(await store.documents(generation)).toEqual(byId(documents));
      await store.close();
    });

    it('gives the same documents when the same events are replayed twice', () => {
      const once = applyAll(progressReportsProjection, events);
      expect(applyAll(progressReportsProjection, events, once)).toEqual(once);
      expect(applyAll(progressReportsProjection, [...events, ...events])).toEqual(once);
      // Replaying only the corrections is where a position-blind projection would append them twice.
      expect(applyAll(progressReportsProjection, events.slice(3), once)).toEqual(once);
      expect([...once.keys()].sort()).toEqual(['r1', 'r2', 'r3']);
      expect(report(once, 'r1')).toMatchObject({ value: 140, correctionCount: 2, revision: 5, lastPosition: 6 });
    });

    it('returns the current document itself for an event at or before its lastPosition', () => {
      const document = report(applyAll(progressReportsProjection, events), 'r1');
      expect(progressReportsProjection.evolve(document, events[5], 'r1')).toBe(document);
      expect(progressReportsProjection.evolve(document, events[3], 'r1')).toBe(document);
    });

    it('never mutates the document it is given', () => {
      const base = applyAll(progressReportsProjection, events.slice(0, 4));
      base.forEach((document) => Object.freeze(document.corrections) && Object.freeze(document));
      const snapshot = structuredClone(base);
      const next = applyAll(progressReportsProjection, events.slice(4), base);
      expect(base).toEqual(snapshot);
      expect(report(next, 'r1')).not.toEqual(report(base, 'r1'));
    });
  });
});
