/** Inspection-query and evidence events for projection tests, on indicator 3 (see indicator-events.ts). */
import type { Evidence } from '../../src/domain/indicator/evidence';
import type { ReportQueried, ReportQueryAnswered, ReportQueryClosed } from '../../src/domain/indicator/events';
import type { Actor } from '../../src/shared/messages';
import { IND } from './indicator-events';

export const inspector: Actor = { id: 'inspector-ubkt', unitId: 'co-quan-ubkt-thanh-tra', roles: ['inspector'] };
export const btcReporter: Actor = { id: 'reporter-btc', unitId: 'ban-to-chuc-thanh-uy', roles: ['reporter'] };

export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

export const bulletin: Evidence = {
  title: 'Báo cáo kết nạp đảng viên quý I',
  documentRef: '45-BC/BTCTU',
  issuedOn: '2021-04-05',
  url: 'https://example.org/45.pdf',
  sha256: HASH_A,
};

export const minutes: Evidence = { title: 'Biên bản kiểm tra hồ sơ', documentRef: '12-BB/BTCTU', issuedOn: '2021-04-20' };

const about = (queryId: string, reportId = 'r1') => ({ indicatorId: IND, queryId, reportId, metric: 'new_members', period: '2021-Q1' });

export function queried(queryId: string, question = 'Số liệu quý I căn cứ vào đâu?', reportId = 'r1'): ReportQueried {
  return {
    type: 'ReportQueried',
    data: { ...about(queryId, reportId), unitId: 'ban-to-chuc-thanh-uy', question, requestedBy: { id: inspector.id, unitId: inspector.unitId } },
  };
}

export function answered(queryId: string, extra: Partial<ReportQueryAnswered['data']> = {}, reportId = 'r1'): ReportQueryAnswered {
  return { type: 'ReportQueryAnswered', data: { ...about(queryId, reportId), answer: 'Theo báo cáo của các chi bộ', ...extra } };
}

export function queryClosed(queryId: string, conclusion = 'Số liệu có căn cứ', reportId = 'r1'): ReportQueryClosed {
  return { type: 'ReportQueryClosed', data: { ...about(queryId, reportId), conclusion } };
}
