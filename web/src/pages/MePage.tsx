/** Who you are, and what the console lets you do. */
import { useSession } from '../auth/session';
import { mayApproveReview, mayAudit, mayRaiseQuery, mayReassign, mayReviseTarget } from '../auth/permissions';
import { Page } from '../components/Page';
import { useUnits } from '../data';
import { roleLabel } from '../i18n/statuses';

export function MePage() {
  const { session } = useSession();
  const { unitName } = useUnits();
  if (!session) return null;
  const can = [
    session.roles.includes('reporter') ? `Báo cáo và điều chỉnh số liệu của các chỉ tiêu do ${unitName(session.unitId)} phụ trách; giải trình khi được yêu cầu` : null,
    session.roles.includes('coordinator') ? 'Báo cáo, điều chỉnh và giải trình thay mọi đơn vị' : null,
    mayRaiseQuery(session) ? 'Yêu cầu đơn vị giải trình một báo cáo và khép lại yêu cầu' : null,
    mayReassign(session) ? 'Phân công lại đơn vị phụ trách' : null,
    mayReviseTarget(session) ? 'Điều chỉnh mục tiêu theo văn bản quyết định' : null,
    mayApproveReview(session) ? 'Phê duyệt báo cáo sơ kết quý' : null,
    mayAudit(session) ? 'Xem nhật ký kiểm tra và mã tổng hợp của sổ cái' : null,
    'Xem tổng quan, từng chỉ tiêu, lịch sử thay đổi và các đơn vị',
  ].filter((line): line is string => line !== null);
  return (
    <Page title="Tài khoản">
      <dl className="facts-list">
        <dt>Tên</dt>
        <dd>{session.name}</dd>
        <dt>Đơn vị</dt>
        <dd>{session.unitId ? unitName(session.unitId) : 'Không thuộc đơn vị nào'}</dd>
        <dt>Vai trò</dt>
        <dd>{session.roles.map(roleLabel).join(', ')}</dd>
        <dt>Mã người dùng trong sổ cái</dt>
        <dd className="mono">{session.id}</dd>
        <dt>Đăng nhập bằng</dt>
        <dd>{session.credential === 'jwt' ? 'Mã JWT' : 'Khóa API'}</dd>
      </dl>
      <h2>Bạn có thể</h2>
      <ul>
        {can.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Page>
  );
}
