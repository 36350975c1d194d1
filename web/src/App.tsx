import { Route, Routes } from 'react-router';
import { useSession } from './auth/session';
import { Layout } from './components/Layout';
import { Loading } from './components/Refusal';
import { AuditPage } from './pages/AuditPage';
import { Dashboard } from './pages/Dashboard';
import { HistoryPage } from './pages/HistoryPage';
import { IndicatorPage } from './pages/IndicatorPage';
import { MePage } from './pages/MePage';
import { NotFound } from './pages/NotFound';
import { ReviewPage, ReviewsIndex } from './pages/ReviewPage';
import { SignIn } from './pages/SignIn';
import { UnitsPage } from './pages/UnitsPage';
import { ResolutionProvider } from './resolution';

export function App() {
  const { session, checking } = useSession();
  if (checking) return <Loading what="tài khoản" />;
  if (!session) return <SignIn />;
  return (
    <ResolutionProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Dashboard />} />
          <Route path="indicators/:id" element={<IndicatorPage />} />
          <Route path="indicators/:id/history" element={<HistoryPage />} />
          <Route path="units" element={<UnitsPage />} />
          <Route path="reviews" element={<ReviewsIndex />} />
          <Route path="reviews/:period" element={<ReviewPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="toi" element={<MePage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </ResolutionProvider>
  );
}
