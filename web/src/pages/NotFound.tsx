import { Link } from 'react-router';
import { Page } from '../components/Page';

export function NotFound() {
  return (
    <Page title="Không tìm thấy trang">
      <p>
        Địa chỉ này không có trong bảng điều khiển. <Link to="/">Về trang tổng quan</Link>.
      </p>
    </Page>
  );
}
