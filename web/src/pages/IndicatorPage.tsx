/**
 * One indicator or task: its targets in words with a chart of the reported figures, the reports with
 * their corrections and evidence, the open queries, the responsible unit and its history, and the
 * actions the user's roles allow.
 */
import { useQuery } from '@tanstack/react-query';
import { Fragment, lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, data } from '../api/client';
import type { Indicator, ProgressReport } from '../api/types';
import { mayAnswerQuery, mayRaiseQuery, mayReassign, mayReport, mayReviseTarget } from '../auth/permissions';
import { useSession } from '../auth/session';
import { Page } from '../components/Page';
import { Loading, PageRefusal } from '../components/Refusal';
import { StatusBadge } from '../components/StatusBadge';
import { TargetHeading } from '../components/TargetHeading';
import { formatQuantityExact, TargetLine } from '../components/TargetLine';
import { useIndicator, useUnits } from '../data';
import { CorrectionForm } from '../forms/CorrectionForm';
import { ReassignForm, ReviseTargetForm } from '../forms/DecisionForms';
import { AnswerQueryForm, CloseQueryForm, RaiseQueryForm } from '../forms/QueryForms';
import { ReportForm } from '../forms/ReportForm';
import { formatDate, formatDateTime, formatPeriod } from '../i18n/format';
import { groupLabel } from '../i18n/labels';
import { ASSESSMENT_LABELS, MILESTONE_STATE_LABELS, QUERY_STATUS_LABELS } from '../i18n/statuses';
import { minPosition } from '../positions';

// ECharts is most of the console's weight: only this page loads it, when it is first shown.
const TargetChart = lazy(() => import('../components/TargetChart').then((module) => ({ default: module.TargetChart })));

export function IndicatorPage() {
  const { id = '' } = useParams();
  const indicator = useIndicator(id);
  if (indicator.isPending) return <Loading what="chỉ tiêu" />;
  if (indicator.error) return <PageRefusal error={indicator.error} />;
  return <IndicatorView indicator={indicator.data} />;
}

function IndicatorView({ indicator }: { indicator: Indicator }) {
  const { session } = useSession();
  const units = useUnits();
  const reports = useQuery({
    queryKey: ['progress-reports', indicator.id],
    queryFn: () => data(api.GET('/progress-reports', { params: { query: { indicatorId: indicator.id, limit: 500, ...minPosition() } } })),
  });
  const reassignments = useQuery({
    queryKey: ['history', indicator.id, 'reassignments'],
    queryFn: () => data(api.GET('/indicators/{id}/history', { params: { path: { id: indicator.id }, query: { type: 'ResponsibilityReassigned', ...minPosition() } } })),
  });
  // The registration's sentence no longer states a revised target: the card names the revision.
  const targetRevisions = useQuery({
    queryKey: ['history', indicator.id, 'target-revisions'],
    queryFn: () => data(api.GET('/indicators/{id}/history', { params: { path: { id: indicator.id }, query: { type: 'TargetRevised', ...minPosition() } } })),
    enabled: indicator.counts.revisions > 0,
  });
  const title = indicator.kind === 'indicator' ? `Chỉ tiêu ${indicator.number}: ${indicator.name}` : indicator.name;
  const canReport = mayReport(session, indicator.responsibleUnitId) && !indicator.closed;

  return (
    <Page
      title={title}
      subtitle={
        <>
          {indicator.kind === 'indicator' ? 'Chỉ tiêu chủ yếu' : 'Nhiệm vụ'} · {groupLabel(indicator.group)} · Mục {indicator.section} của nghị quyết
        </>
      }
      actions={
        <Link className="button" to={`/indicators/${encodeURIComponent(indicator.id)}/history`}>
          Lịch sử thay đổi
        </Link>
      }
    >
      <div className="facts">
        <div>
          <span className="fact-label">Tình trạng</span> <StatusBadge status={indicator.worstStatus} />
        </div>
        <div>
          <span className="fact-label">Đơn vị phụ trách</span>{' '}
          <Link to={`/units#${encodeURIComponent(indicator.responsibleUnitId)}`}>{units.unitName(indicator.responsibleUnitId)}</Link>
          {indicator.responsibilityAssumed ? <span className="muted"> (nghị quyết không ghi rõ; suy ra từ chức năng)</span> : null}
        </div>
        <div>
          <span className="fact-label">Báo cáo</span> {indicator.counts.reports} · <span className="fact-label">điều chỉnh</span> {indicator.counts.corrections}
        </div>
      </div>
      {indicator.assessment ? (
        <div className="notice">
          Đánh giá cuối năm: <strong>{ASSESSMENT_LABELS[indicator.assessment.outcome] ?? indicator.assessment.outcome}</strong> — {indicator.assessment.conclusion} (văn bản{' '}
          {indicator.assessment.decisionRef}, {formatDate(indicator.assessment.assessedAt)})
        </div>
      ) : null}

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">Mục tiêu và số liệu</h2>
        <div className="targets">
          {indicator.targets.map((target) => (
            <div className="target-card" key={target.metric}>
              <TargetHeading target={target} revisions={targetRevisions.data?.items ?? []} />
              <TargetLine target={target} compact />
              <p>
                <StatusBadge status={target.status} />
              </p>
              {target.kind === 'numeric' ? (
                <Suspense fallback={<Loading what="biểu đồ" />}>{reports.data ? <TargetChart target={target} reports={reports.data.items} /> : <Loading what="biểu đồ" />}</Suspense>
              ) : null}
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Các báo cáo</h2>
        {reports.isPending ? <Loading what="báo cáo" /> : null}
        {reports.error ? <PageRefusal error={reports.error} /> : null}
        {reports.data ? <ReportsTable indicator={indicator} reports={reports.data.items} canReport={canReport} canQuery={mayRaiseQuery(session)} /> : null}
      </section>

      <section aria-labelledby="queries-heading">
        <h2 id="queries-heading">Yêu cầu giải trình đang mở</h2>
        {indicator.openQueries.length === 0 ? <p className="empty">Không có yêu cầu giải trình nào đang mở.</p> : null}
        <ul className="queries">
          {indicator.openQueries.map((query) => (
            <li key={query.queryId} className="query">
              <p>
                <strong>{QUERY_STATUS_LABELS[query.status] ?? query.status}</strong> · {formatPeriod(query.period)} · {formatDateTime(query.raisedAt)} · {units.unitName(query.requestedBy.unitId)}
              </p>
              <blockquote>{query.question}</blockquote>
              {query.status === 'open' && mayAnswerQuery(session, indicator.responsibleUnitId) ? <AnswerQueryForm indicator={indicator} queryId={query.queryId} /> : null}
              {query.status === 'answered' && mayRaiseQuery(session) ? <CloseQueryForm indicator={indicator} queryId={query.queryId} /> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="unit-heading">
        <h2 id="unit-heading">Đơn vị phụ trách qua các lần phân công</h2>
        <ol className="timeline-simple">
          <li>
            Khi đăng ký ({formatDate(indicator.registeredAt)}):{' '}
            {units.unitName(firstUnit(indicator, reassignments.data?.items ?? []))}
          </li>
          {(reassignments.data?.items ?? []).map((entry) => (
            <li key={entry.position}>
              {formatDateTime(entry.recordedAt)}: {units.unitName(unitOf(entry.before))} → <strong>{units.unitName(unitOf(entry.after))}</strong> — {entry.reason} (văn bản{' '}
              {entry.decisionRef})
            </li>
          ))}
        </ol>
      </section>

      {canReport || mayReassign(session) || mayReviseTarget(session) ? (
        <section aria-labelledby="actions-heading" className="actions">
          <h2 id="actions-heading">Thao tác</h2>
          <div className="action-grid">
            {canReport ? <ReportForm indicator={indicator} /> : null}
            {mayReassign(session) && !indicator.closed ? <ReassignForm indicator={indicator} /> : null}
            {mayReviseTarget(session) && !indicator.closed ? <ReviseTargetForm indicator={indicator} /> : null}
          </div>
        </section>
      ) : null}
    </Page>
  );
}

function unitOf(value: unknown): string | null {
  const record = value as { responsibleUnitId?: unknown; unitId?: unknown } | null;
  const id = record?.responsibleUnitId ?? record?.unitId;
  return typeof id === 'string' ? id : null;
}

function firstUnit(indicator: Indicator, reassignments: Array<{ before: unknown }>): string {
  return (reassignments.length > 0 ? unitOf(reassignments[0].before) : null) ?? indicator.responsibleUnitId;
}

export function ReportsTable({ indicator, reports, canReport, canQuery }: { indicator: Indicator; reports: ProgressReport[]; canReport: boolean; canQuery: boolean }) {
  const [open, setOpen] = useState<{ reportId: string; form: 'correct' | 'query' } | null>(null);
  const units = useUnits();
  const label = (metric: string) => indicator.targets.find((t) => t.metric === metric)?.label ?? metric;
  const unitOfMetric = (metric: string) => indicator.targets.find((t) => t.metric === metric)?.unit;
  if (reports.length === 0) return <p className="empty">Chưa có báo cáo nào.</p>;
  const sorted = [...reports].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const columns = 5 + (indicator.targets.length > 1 ? 1 : 0) + (canReport || canQuery ? 1 : 0);
  return (
    <table className="reports-table">
      <caption className="visually-hidden">Các báo cáo, mới nhất trước</caption>
      <thead>
        <tr>
          <th scope="col">Kỳ</th>
          {indicator.targets.length > 1 ? <th scope="col">Mục tiêu</th> : null}
          <th scope="col">Số liệu</th>
          <th scope="col">Báo cáo bởi</th>
          <th scope="col">Điều chỉnh</th>
          <th scope="col">Minh chứng</th>
          {canReport || canQuery ? <th scope="col">Thao tác</th> : null}
        </tr>
      </thead>
      <tbody>
        {sorted.map((report) => (
          <Fragment key={report.reportId}>
          <tr>
            <td>{formatPeriod(report.period)}</td>
            {indicator.targets.length > 1 ? <td>{label(report.metric)}</td> : null}
            <td className="figure">
              {report.value !== null ? formatQuantityExact(report.value, unitOfMetric(report.metric)) : (MILESTONE_STATE_LABELS[report.state ?? ''] ?? '—')}
              {report.correctionCount > 0 && report.originalValue !== null ? (
                <div className="muted">ban đầu {formatQuantityExact(report.originalValue, unitOfMetric(report.metric))}</div>
              ) : null}
              {report.note ? <div className="muted">{report.note}</div> : null}
            </td>
            <td>
              {units.unitName(report.reportedBy.unitId)}
              <div className="muted">{formatDateTime(report.reportedAt)}</div>
            </td>
            <td>
              {report.corrections.length === 0 ? '—' : null}
              <ul className="plain">
                {report.corrections.map((correction) => (
                  <li key={correction.revision}>
                    {correction.previousValue !== null ? `${formatQuantityExact(correction.previousValue, unitOfMetric(report.metric))} → ${formatQuantityExact(correction.value, unitOfMetric(report.metric))}` : 'Sửa nội dung'}
                    : {correction.reason} <span className="muted">({formatDateTime(correction.correctedAt)})</span>
                  </li>
                ))}
              </ul>
            </td>
            <td>
              {report.evidence.length === 0 ? '—' : null}
              <ul className="plain">
                {report.evidence.map((evidence) => (
                  <li key={`${evidence.documentRef}-${evidence.revision}`}>
                    {evidence.url ? (
                      <a href={evidence.url} rel="noopener noreferrer" target="_blank">
                        {evidence.title}
                      </a>
                    ) : (
                      evidence.title
                    )}{' '}
                    <span className="muted">
                      ({evidence.documentRef}, {formatDate(evidence.issuedOn)})
                    </span>
                  </li>
                ))}
              </ul>
            </td>
            {canReport || canQuery ? (
              <td className="row-actions">
                {canReport ? (
                  <button type="button" className="button-small" aria-expanded={open?.reportId === report.reportId && open.form === 'correct'} onClick={() => setOpen({ reportId: report.reportId, form: 'correct' })}>
                    Điều chỉnh
                  </button>
                ) : null}
                {canQuery ? (
                  <button type="button" className="button-small" aria-expanded={open?.reportId === report.reportId && open.form === 'query'} onClick={() => setOpen({ reportId: report.reportId, form: 'query' })}>
                    Yêu cầu giải trình
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
          {open?.reportId === report.reportId ? (
            // The form takes the table's whole width on a row of its own: the actions column is too narrow to write in.
            <tr className="row-form">
              <td colSpan={columns}>
                {open.form === 'correct' ? <CorrectionForm indicator={indicator} report={report} onClose={() => setOpen(null)} /> : <RaiseQueryForm indicator={indicator} reportId={report.reportId} onClose={() => setOpen(null)} />}
              </td>
            </tr>
          ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
