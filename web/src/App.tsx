import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth.tsx';
import { Loading } from './components/LoadError.tsx';
import { PageHeading } from './components/PageHeading.tsx';
import { isLang } from './lib/lang.ts';
import { Layout } from './Layout.tsx';
import { useLang } from './lib/hooks.ts';
import { AccountPage } from './pages/account/AccountPage.tsx';
import { AgenciesPage } from './pages/agencies/AgenciesPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { MissionDetailPage } from './pages/missions/MissionDetailPage.tsx';
import { MissionsPage } from './pages/missions/MissionsPage.tsx';
import { NotFoundPage } from './pages/not-found/NotFoundPage.tsx';
import { SignInPage } from './pages/sign-in/SignInPage.tsx';

/** Pages for signed-in users: a signed-out visit goes to sign-in, and comes back after. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const lang = useLang();
  const location = useLocation();
  const { t } = useTranslation('common');
  if (state.status === 'loading') {
    return (
      <>
        <PageHeading>{t('loading')}</PageHeading>
        <Loading />
      </>
    );
  }
  // Signed out on purpose: the sign-out button is taking the user to the home page.
  if (state.status === 'signedOut' && state.ended) return null;
  if (state.status === 'signedOut') {
    const next = location.pathname.replace(/^\/[^/]*/, '') + location.search;
    return <Navigate replace to={`/${lang}/sign-in?next=${encodeURIComponent(next)}`} />;
  }
  return children;
}

/** The language segment: a page of the app, or (any other first segment) the not-found page. */
function LangGate() {
  const { lang } = useParams();
  return isLang(lang) ? <Layout /> : <Navigate replace to="/en/not-found" />;
}

const protectedPage = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route path="/" element={<Navigate replace to="/en/" />} />
          <Route path=":lang" element={<LangGate />}>
            <Route index element={<HomePage />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="account" element={protectedPage(<AccountPage />)} />
            <Route path="agencies" element={protectedPage(<AgenciesPage />)} />
            <Route path="missions" element={protectedPage(<MissionsPage />)} />
            <Route path="missions/:id" element={protectedPage(<MissionDetailPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
