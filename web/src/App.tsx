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
import {
  ReferenceAdminPage,
  ReferenceKindPage,
  ReferenceRecordPage,
} from './pages/admin/ReferenceAdminPage.tsx';
import { SettingsPage } from './pages/admin/SettingsPage.tsx';
import { SecondFactorPage } from './pages/account/SecondFactorPage.tsx';
import { SetPasswordPage } from './pages/account/SetPasswordPage.tsx';
import { AdminPage } from './pages/admin/AdminPage.tsx';
import { InviteUserPage } from './pages/admin/InviteUserPage.tsx';
import { UserPage } from './pages/admin/UserPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { AgenciesPage } from './pages/agencies/AgenciesPage.tsx';
import { AgencyPage } from './pages/agencies/AgencyPage.tsx';
import { ApplicationPage } from './pages/calls/ApplicationPage.tsx';
import { ApplicationsPage } from './pages/calls/ApplicationsPage.tsx';
import { CallPage } from './pages/calls/CallPage.tsx';
import { CallsPage } from './pages/calls/CallsPage.tsx';
import { NewCallPage } from './pages/calls/NewCallPage.tsx';
import { ProposalPage } from './pages/calls/ProposalPage.tsx';
import { ContingentPage } from './pages/dutyofcare/ContingentPage.tsx';
import { MyDeploymentPage } from './pages/dutyofcare/MyDeploymentPage.tsx';
import { DecisionsPage } from './pages/decisions/DecisionsPage.tsx';
import { DeploymentPage } from './pages/deployments/DeploymentPage.tsx';
import { ReadinessPage } from './pages/deployments/ReadinessPage.tsx';
import { EvaluationPage } from './pages/evaluations/EvaluationPage.tsx';
import { EvaluationsPage } from './pages/evaluations/EvaluationsPage.tsx';
import { NewEvaluationPage } from './pages/evaluations/NewEvaluationPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { AuditEntryPage } from './pages/audit/AuditEntryPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { IncidentPage } from './pages/incidents/IncidentPage.tsx';
import { IncidentsPage } from './pages/incidents/IncidentsPage.tsx';
import { NewIncidentPage } from './pages/incidents/NewIncidentPage.tsx';
import { MissionDetailPage } from './pages/missions/MissionDetailPage.tsx';
import { MissionsPage } from './pages/missions/MissionsPage.tsx';
import { NewMissionPage } from './pages/missions/NewMissionPage.tsx';
import { NotFoundPage } from './pages/not-found/NotFoundPage.tsx';
import { NewNoticePage } from './pages/notices/NewNoticePage.tsx';
import { NoticePage } from './pages/notices/NoticePage.tsx';
import { NoticesPage } from './pages/notices/NoticesPage.tsx';
import { ExpiringPage } from './pages/officers/ExpiringPage.tsx';
import { ImportPage } from './pages/officers/ImportPage.tsx';
import { UnContributionsPage } from './pages/uncontributions/UnContributionsPage.tsx';
import { PastToursImportPage } from './pages/pasttours/PastToursImportPage.tsx';
import { MyProfilePage } from './pages/officers/MyProfilePage.tsx';
import { RetentionPage } from './pages/privacy/RetentionPage.tsx';
import { NewOfficerPage } from './pages/officers/NewOfficerPage.tsx';
import { OfficerPage } from './pages/officers/OfficerPage.tsx';
import { OfficersPage } from './pages/officers/OfficersPage.tsx';
import { EditRequestPage } from './pages/requests/EditRequestPage.tsx';
import { NewRequestPage } from './pages/requests/NewRequestPage.tsx';
import { RequestPage } from './pages/requests/RequestPage.tsx';
import { ReportsPage } from './pages/reports/ReportsPage.tsx';
import { RequestsPage } from './pages/requests/RequestsPage.tsx';
import { SignInPage } from './pages/sign-in/SignInPage.tsx';
import { DashboardPage } from './pages/statistics/DashboardPage.tsx';
import { StatisticsPage } from './pages/statistics/StatisticsPage.tsx';
import { NewCoursePage } from './pages/training/NewCoursePage.tsx';
import { NewSessionPage } from './pages/training/NewSessionPage.tsx';
import { SessionPage } from './pages/training/SessionPage.tsx';
import { TrainingPage } from './pages/training/TrainingPage.tsx';
import { MyTrainingPage, OfficerTrainingPage } from './pages/training/TrainingRecordPage.tsx';

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
            {/* Public: open to anyone, signed in or not (aggregate figures, small counts withheld). */}
            <Route path="statistics" element={<StatisticsPage />} />
            <Route path="dashboard" element={protectedPage(<DashboardPage />)} />
            <Route path="account" element={protectedPage(<AccountPage />)} />
            <Route path="admin/reference" element={protectedPage(<ReferenceAdminPage />)} />
            <Route path="admin/reference/:kind" element={protectedPage(<ReferenceKindPage />)} />
            <Route
              path="admin/reference/:kind/:id"
              element={protectedPage(<ReferenceRecordPage />)}
            />
            <Route path="admin/settings" element={protectedPage(<SettingsPage />)} />
            {/* Not protectedPage: it also serves a sign-in that must enrol first (it checks itself). */}
            <Route path="account/second-factor" element={<SecondFactorPage />} />
            <Route path="agencies" element={protectedPage(<AgenciesPage />)} />
            <Route path="agencies/:id" element={protectedPage(<AgencyPage />)} />
            <Route path="officers" element={protectedPage(<OfficersPage />)} />
            <Route path="officers/new" element={protectedPage(<NewOfficerPage />)} />
            <Route path="officers/import" element={protectedPage(<ImportPage />)} />
            <Route path="officers/:id" element={protectedPage(<OfficerPage />)} />
            <Route path="un-contributions" element={protectedPage(<UnContributionsPage />)} />
            <Route path="past-tours/import" element={protectedPage(<PastToursImportPage />)} />
            <Route path="my-profile" element={protectedPage(<MyProfilePage />)} />
            <Route path="admin/retention" element={protectedPage(<RetentionPage />)} />
            <Route path="qualifications/expiring" element={protectedPage(<ExpiringPage />)} />
            <Route path="missions" element={protectedPage(<MissionsPage />)} />
            <Route path="missions/new" element={protectedPage(<NewMissionPage />)} />
            <Route path="missions/:id" element={protectedPage(<MissionDetailPage />)} />
            <Route path="requests" element={protectedPage(<RequestsPage />)} />
            <Route path="requests/new" element={protectedPage(<NewRequestPage />)} />
            <Route path="requests/:id" element={protectedPage(<RequestPage />)} />
            <Route path="requests/:id/edit" element={protectedPage(<EditRequestPage />)} />
            <Route path="decisions" element={protectedPage(<DecisionsPage />)} />
            <Route path="evaluations" element={protectedPage(<EvaluationsPage />)} />
            <Route path="evaluations/new" element={protectedPage(<NewEvaluationPage />)} />
            <Route path="evaluations/:id" element={protectedPage(<EvaluationPage />)} />
            <Route path="calls" element={protectedPage(<CallsPage />)} />
            <Route path="calls/new" element={protectedPage(<NewCallPage />)} />
            <Route path="calls/:id" element={protectedPage(<CallPage />)} />
            <Route path="calls/:id/proposal" element={protectedPage(<ProposalPage />)} />
            <Route path="applications" element={protectedPage(<ApplicationsPage />)} />
            <Route path="applications/:id" element={protectedPage(<ApplicationPage />)} />
            <Route path="training" element={protectedPage(<TrainingPage />)} />
            <Route path="training/courses/new" element={protectedPage(<NewCoursePage />)} />
            <Route path="training/sessions/new" element={protectedPage(<NewSessionPage />)} />
            <Route path="training/sessions/:id" element={protectedPage(<SessionPage />)} />
            <Route path="my-training" element={protectedPage(<MyTrainingPage />)} />
            <Route path="officers/:id/training" element={protectedPage(<OfficerTrainingPage />)} />
            <Route path="readiness" element={protectedPage(<ReadinessPage />)} />
            <Route path="deployments/:id" element={protectedPage(<DeploymentPage />)} />
            <Route path="my-deployment" element={protectedPage(<MyDeploymentPage />)} />
            <Route path="missions/:id/contingent" element={protectedPage(<ContingentPage />)} />
            <Route path="incidents" element={protectedPage(<IncidentsPage />)} />
            <Route path="incidents/new" element={protectedPage(<NewIncidentPage />)} />
            <Route path="incidents/:id" element={protectedPage(<IncidentPage />)} />
            <Route path="notices" element={protectedPage(<NoticesPage />)} />
            <Route path="notices/new" element={protectedPage(<NewNoticePage />)} />
            <Route path="notices/:id" element={protectedPage(<NoticePage />)} />
            <Route path="reports" element={protectedPage(<ReportsPage />)} />
            <Route path="audit" element={protectedPage(<AuditPage />)} />
            <Route path="audit/:seq" element={protectedPage(<AuditEntryPage />)} />
            <Route path="admin" element={protectedPage(<AdminPage />)} />
            <Route path="admin/users" element={protectedPage(<UsersPage />)} />
            <Route path="admin/users/new" element={protectedPage(<InviteUserPage />)} />
            <Route path="admin/users/:id" element={protectedPage(<UserPage />)} />
            {/* Public: an e-mailed link's token is in the URL fragment. */}
            <Route path="invitation" element={<SetPasswordPage purpose="invitation" />} />
            <Route path="reset-password" element={<SetPasswordPage purpose="reset" />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
