/**
 * A realistic mix of commands over HTTP: reports for the months and quarters so far, corrections,
 * reassignments back and forth, target revisions, an inspector's query answered and closed, a unit
 * renamed, one indicator assessed. Used to build read models worth comparing.
 */
import { KEYS, type TestApp } from './test-app';

type Post = TestApp['post'];

const REPORTING = [
  { indicatorId: 'ind-12', metric: 'health_insurance_coverage', unit: 'bao-hiem-xa-hoi-thanh-pho', values: [92.1, 92.4, 92.9, 93.2, 93.6, 94] },
  { indicatorId: 'ind-10', metric: 'new_jobs', unit: 'phong-lao-dong-thuong-binh-xa-hoi', values: [400, 900, 1500, 2100, 2800, 3300] },
  { indicatorId: 'ind-04', metric: 'growth_rate', unit: 'chi-cuc-thong-ke', values: [10.1, 11.2, 12.5, 13.1, 14, 14.8] },
  { indicatorId: 'ind-03', metric: 'new_party_members', unit: 'co-quan-to-chuc-noi-vu', values: [60, 120, 190, 260, 320, 380] },
];
const MONTHS = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06'];

export async function runMixedWorkload(post: Post): Promise<{ commands: number }> {
  let commands = 0;
  const ok = async (request: ReturnType<Post>) => {
    const res = await request;
    if (res.status !== 201) throw new Error(`workload command refused: ${res.status} ${JSON.stringify(res.body)}`);
    commands += 1;
    return res.body as { reportId?: string; queryId?: string };
  };
  const reportIds: Record<string, string[]> = {};
  for (const r of REPORTING) {
    reportIds[r.indicatorId] = [];
    for (const [i, period] of MONTHS.entries()) {
      const { reportId } = await ok(post(`/indicators/${r.indicatorId}/progress-reports`, { metric: r.metric, period, value: r.values[i] }, KEYS.reporter(r.unit)));
      reportIds[r.indicatorId].push(reportId as string);
    }
    await ok(post(`/indicators/${r.indicatorId}/progress-reports`, { metric: r.metric, period: '2021-Q2', value: r.values[5] }, KEYS.coordinator));
    await ok(post(`/indicators/${r.indicatorId}/progress-reports/${reportIds[r.indicatorId][1]}/corrections`, { value: r.values[1] + 1, reason: 'Số liệu chính thức' }, KEYS.reporter(r.unit)));
  }
  await ok(post('/indicators/ind-10/reassignments', { toUnitId: 'phong-kinh-te', reason: 'Phân công lại', decisionRef: '215-QĐ/TU' }, KEYS.coordinator));
  await ok(post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-07', value: 3600 }, KEYS.reporter('phong-kinh-te')));
  await ok(post('/indicators/ind-10/reassignments', { toUnitId: 'phong-lao-dong-thuong-binh-xa-hoi', reason: 'Trả lại', decisionRef: '216-QĐ/TU' }, KEYS.standingCommittee));
  await ok(post('/indicators/ind-12/target-revisions', { metric: 'health_insurance_coverage', value: 95, reason: 'Ảnh hưởng dịch Covid-19', decisionRef: '230-NQ/TU' }, KEYS.standingCommittee));
  await ok(post('/indicators/ind-04/target-revisions', { metric: 'growth_rate', value: 12, reason: 'Điều chỉnh', decisionRef: '231-NQ/TU' }, KEYS.standingCommittee));
  const { queryId } = await ok(post(`/indicators/ind-03/progress-reports/${reportIds['ind-03'][2]}/queries`, { question: 'Căn cứ số liệu?' }, KEYS.inspector));
  await ok(post(`/indicators/ind-03/queries/${queryId}/answers`, { answer: 'Theo báo cáo của các chi bộ', correction: { value: 195, reason: 'Rà soát' } }, KEYS.reporter('co-quan-to-chuc-noi-vu')));
  await ok(post(`/indicators/ind-03/queries/${queryId}/closure`, { conclusion: 'Chấp nhận' }, KEYS.inspector));
  await ok(post('/units/phong-kinh-te/renaming', { name: 'Phòng Kinh tế - Hạ tầng', reason: 'Sắp xếp tổ chức' }, KEYS.coordinator));
  await ok(post('/units', { id: 'ban-quan-ly-du-an', name: 'Ban Quản lý dự án' }, KEYS.coordinator));
  await ok(post('/units/ban-quan-ly-du-an/deactivation', { reason: 'Sáp nhập', decisionRef: '12-QĐ/UBND' }, KEYS.coordinator));
  await ok(post('/indicators/ind-12/assessment', { outcome: 'not_achieved', conclusion: 'Chưa đạt 95%', decisionRef: '300-BC/TU' }, KEYS.standingCommittee));
  return { commands };
}
