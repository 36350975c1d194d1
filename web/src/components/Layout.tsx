/** The frame of every page once signed in: the header (resolution, who you are), the navigation, the demo banner. */
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../auth/session';
import { mayAudit } from '../auth/permissions';
import { roleLabel } from '../i18n/statuses';
import { useResolution } from '../resolution';

export function Layout() {
  const { session, signOut } = useSession();
  const { resolutions, resolution, choose, demo } = useResolution();
  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, tới nội dung chính
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <div>
            <div className="brand-title">Sổ theo dõi thực hiện nghị quyết</div>
            <div className="brand-sub">Đảng bộ Thành phố Hạ Long</div>
          </div>
        </div>
        <div className="header-resolution">
          <label htmlFor="resolution-choice">Nghị quyết</label>
          <select id="resolution-choice" value={resolution?.id ?? ''} onChange={(event) => choose(event.target.value)}>
            {resolutions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.year ? `Năm ${r.year}` : r.id}
                {r.title ? ` – ${shorten(r.title, 48)}` : ''}
              </option>
            ))}
          </select>
        </div>
        {session ? (
          <div className="who" aria-label="Người đang đăng nhập">
            <div className="who-text">
              <NavLink to="/toi" className="who-name">
                {session.name}
              </NavLink>
              <span className="who-detail">{session.roles.map(roleLabel).join(', ')}</span>
            </div>
            <button type="button" className="button-quiet" onClick={signOut}>
              Đăng xuất
            </button>
          </div>
        ) : null}
      </header>
      <nav className="app-nav" aria-label="Các trang">
        <NavLink to="/" end>
          Tổng quan
        </NavLink>
        <NavLink to="/reviews">Sơ kết</NavLink>
        <NavLink to="/units">Đơn vị</NavLink>
        {mayAudit(session) ? <NavLink to="/audit">Nhật ký kiểm tra</NavLink> : null}
        <NavLink to="/toi">Tài khoản</NavLink>
      </nav>
      {demo ? (
        <div className="demo-banner" role="note">
          <strong>Dữ liệu minh họa</strong> — số liệu trên trang này được tạo để trình diễn, không phải số liệu thật của các đơn vị.
        </div>
      ) : null}
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">Mọi thay đổi được ghi vào sổ cái, có chuỗi băm để kiểm chứng. Giờ hiển thị: giờ Việt Nam (UTC+7).</footer>
    </>
  );
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
