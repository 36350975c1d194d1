/**
 * A review as the printable page of a report to the Ban Thường vụ: the heading of a Party
 * document, the title and the addressee, numbered sections (I. general assessment, II. the key
 * indicators, III. the tasks, IV. what was recorded, V. what was not reported, VI. approval and
 * verification) and the approval line. Every piece of ledger text is HTML-escaped; the page has no
 * script and one inline stylesheet, which its content-security policy allows by hash.
 */
import { localDay } from '../../domain/indicator/period';
import { TARGET_STATUSES } from '../../domain/indicator/status';
import { EVENT_TYPE_LABELS, STATUS_LABELS, groupLabel } from '../../exports/vietnamese-labels';
import type { ReviewItem } from '../content/review-content.types';
import type { ReviewView } from '../get-review.query';
import { PRINT_STYLE } from './print-style';
import { changeText, dayText, periodName, readingText, statusText } from './review-labels';

export interface PrintFrame {
  /** The resolution's title, when the read model knows it. */
  resolutionTitle: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const e = escapeHtml;

export function reviewPrintPage(review: ReviewView, frame: PrintFrame): string {
  const { content } = review;
  const name = periodName(content.period);
  const asOf = review.approval ? review.approval.approvedAt : review.asOf;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${e(`Báo cáo sơ kết ${name}`)}</title>
<style>${PRINT_STYLE}</style>
</head>
<body>
<div class="heading">
  <div><div>ĐẢNG BỘ TỈNH QUẢNG NINH</div><div class="body-name">Thành ủy Hạ Long</div><div>*</div></div>
  <div><div class="motto">Đảng Cộng sản Việt Nam</div><div class="place-date">Hạ Long, ${e(vietnameseDate(asOf))}</div></div>
</div>
<h1>BÁO CÁO</h1>
<p class="subtitle">${e(`Sơ kết ${name} việc thực hiện ${frame.resolutionTitle ?? `nghị quyết ${content.resolutionId}`}`)}</p>
<p class="recipient">Kính gửi: Ban Thường vụ Thành ủy</p>
${review.approval ? '' : '<p class="draft">DỰ THẢO — chưa được Ban Thường vụ thông qua</p>'}
${generalAssessment(review)}
${itemsSection('II. Kết quả thực hiện các chỉ tiêu chủ yếu', content.items.filter((item) => item.kind === 'indicator'))}
${itemsSection('III. Kết quả thực hiện các nhiệm vụ, giải pháp', content.items.filter((item) => item.kind === 'task'))}
${recordedSection(review)}
${missingSection(review)}
${approvalSection(review)}
</body>
</html>
`;
}

function generalAssessment(review: ReviewView): string {
  const { totals, previousPeriod } = review.content;
  const byStatus = TARGET_STATUSES.map((s) => `${e(STATUS_LABELS[s])}: ${totals.byStatus[s]}`).join('; ');
  const byChange = previousPeriod
    ? `<p>So với ${e(periodName(previousPeriod))}: tiến bộ ${totals.byChange.improved}, giảm sút ${totals.byChange.worsened}, không thay đổi ${totals.byChange.unchanged}, có số liệu lần đầu ${totals.byChange.new}.</p>`
    : '';
  const rows = totals.byGroup
    .map((g) => `<tr><td>${e(groupLabel(g.group))}</td><td class="number">${g.indicators}</td><td class="number">${g.targets}</td>${TARGET_STATUSES.map((s) => `<td class="number">${g.byStatus[s]}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>I. Đánh giá chung</h2>
<p>Tính đến hết ngày ${e(dayText(review.content.periodEnd))}, ${totals.indicators} chỉ tiêu chủ yếu và ${totals.tasks} nhiệm vụ với ${totals.targets} mục tiêu được theo dõi. ${byStatus}.</p>
${byChange}
<table><thead><tr><th>Nhóm</th><th>Chỉ tiêu, nhiệm vụ</th><th>Mục tiêu</th>${TARGET_STATUSES.map((s) => `<th>${e(STATUS_LABELS[s])}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function itemsSection(title: string, items: readonly ReviewItem[]): string {
  const rows = items
    .flatMap((item, index) =>
      item.targets.map(
        (line, i) => `<tr>${i === 0 ? `<td rowspan="${item.targets.length}">${index + 1}</td><td rowspan="${item.targets.length}">${e(item.name)}<br><i>${e(item.responsibleUnitName ?? item.responsibleUnitId)}</i></td>` : ''}` +
          `<td>${e(line.label)}</td><td>${e(readingText(line, line.unit))}${line.latestPeriod ? ` <i>(${e(line.latestPeriod)})</i>` : ''}</td>` +
          `<td>${e(statusText(line))}</td><td>${e(line.previous ? readingText(line.previous, line.unit) : '')}</td><td>${e(changeText(line))}</td></tr>`,
      ),
    )
    .join('\n');
  return `<h2>${e(title)}</h2>
<table><thead><tr><th>TT</th><th>Chỉ tiêu, nhiệm vụ — đơn vị chủ trì</th><th>Mục tiêu</th><th>Kết quả</th><th>Đánh giá</th><th>Quý trước</th><th>So với quý trước</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function recordedSection(review: ReviewView): string {
  const { counts, entries } = review.content.recorded;
  const rows = entries
    .map((entry) => `<tr><td>${e(dayText(localDay(entry.recordedAt)))}</td><td>${e(entry.indicatorId)}</td><td>${e(EVENT_TYPE_LABELS[entry.type])}</td><td>${e(entry.summary)}</td></tr>`)
    .join('\n');
  return `<h2>IV. Công việc đã ghi nhận trong kỳ</h2>
<p>Báo cáo: ${counts.reports}; đính chính: ${counts.corrections}; phân công lại: ${counts.reassignments}; điều chỉnh mục tiêu: ${counts.revisions}; yêu cầu giải trình: ${counts.queriesRaised}, đã giải trình: ${counts.queriesAnswered}, đã kết thúc: ${counts.queriesClosed}.</p>
<table><thead><tr><th>Ngày</th><th>Mã</th><th>Sự kiện</th><th>Nội dung</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function missingSection(review: ReviewView): string {
  const units = review.content.missingReports
    .map((unit) => `<h3>${e(unit.unitName ?? unit.unitId)}</h3><ul>${unit.items.map((item) => `<li>${e(item.name)} <i>(${e(item.indicatorId)})</i></li>`).join('')}</ul>`)
    .join('\n');
  return `<h2>V. Chỉ tiêu, nhiệm vụ chưa có báo cáo trong kỳ</h2>
${units || '<p>Tất cả chỉ tiêu, nhiệm vụ đã có báo cáo.</p>'}`;
}

function approvalSection(review: ReviewView): string {
  const a = review.approval;
  const hashes = `<p>Mã băm nội dung (SHA-256): <span class="hash">${e(review.contentHash)}</span></p>`;
  if (!a) {
    return `<h2>VI. Phê duyệt và xác thực</h2>
<p>Báo cáo chưa được Ban Thường vụ thông qua. Số liệu tính đến ${e(review.asOf)}.</p>
${hashes}`;
  }
  const changed = review.changedSinceApproval;
  const since = changed && changed.contentChanged
    ? `<p>Sau khi thông qua, sổ cái đã ghi nhận ${changed.events.length} sự kiện làm thay đổi ${changed.targets.length} mục tiêu của báo cáo này; nội dung đã thông qua được giữ nguyên (xem mục “thay đổi sau khi thông qua” của bản điện tử).</p>`
    : '<p>Từ khi thông qua, sổ cái không ghi nhận thay đổi nào đối với nội dung báo cáo.</p>';
  return `<h2>VI. Phê duyệt và xác thực</h2>
<p>Báo cáo đã được Ban Thường vụ Thành ủy thông qua${a.meetingDate ? ` tại phiên họp ngày ${e(dayText(a.meetingDate))}` : ''}, theo văn bản số ${e(a.decisionRef)}${a.note ? `; ${e(a.note)}` : ''}.</p>
${hashes}
<p>Mã tổng hợp kiểm toán tại vị trí ${a.position}: <span class="hash">${e(a.auditDigest)}</span></p>
<p>Kiểm tra: <span class="hash">GET /reviews/${e(review.period)}/approval/verify</span></p>
${since}
<div class="signature"><div class="role">T/M Ban Thường vụ</div><div>(đã thông qua ngày ${e(dayText(localDay(a.approvedAt)))})</div></div>`;
}

function vietnameseDate(instant: string): string {
  const [year, month, day] = localDay(instant).split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}
