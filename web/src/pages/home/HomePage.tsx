import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Loading } from '../../components/LoadError.tsx';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { roleLabel } from '../../lib/roles.ts';

interface PageLink {
  to: string;
  title: string;
  description: string;
}

/** The home page: what the program is (signed out), or what this user can do in it (signed in). */
export function HomePage() {
  const { t } = useTranslation('home');
  const lang = useLang();
  const auth = useAuth();
  const location = useLocation();
  const signedOutNotice = (location.state as { signedOut?: boolean } | null)?.signedOut === true;

  const me = auth.state.status === 'signedIn' ? auth.state.me : null;
  const title = me ? t('signedIn.title', { name: me.user.displayName }) : t('public.title');
  usePageTitle(me ? t('common:nav.home') : t('public.title'));

  if (auth.state.status === 'loading') {
    return (
      <>
        <PageHeading>{t('public.title')}</PageHeading>
        <Loading />
      </>
    );
  }

  if (!me) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        {signedOutNotice ? (
          <div className="notice notice--success" role="status">
            <p>{t('common:signedOut')}</p>
          </div>
        ) : null}
        <p className="lead">{t('public.intro')}</p>
        <p>
          <Link to={`/${lang}/statistics`}>{t('public.statistics')}</Link>
        </p>
        <p>{t('public.signInPrompt')}</p>
        <p>
          <Link className="button-link" to={`/${lang}/sign-in`}>
            {t('public.signIn')}
          </Link>
        </p>
      </>
    );
  }

  const pages: PageLink[] = [];
  if (auth.can('request.list')) {
    pages.push({
      to: `/${lang}/requests`,
      title: t('signedIn.pages.requests'),
      description: t('signedIn.pages.requestsDescription'),
    });
  }
  if (auth.can('decision.list')) {
    pages.push({
      to: `/${lang}/decisions`,
      title: t('signedIn.pages.decisions'),
      description: t('signedIn.pages.decisionsDescription'),
    });
  }
  if (auth.can('mission.list')) {
    pages.push({
      to: `/${lang}/missions`,
      title: t('signedIn.pages.missions'),
      description: t('signedIn.pages.missionsDescription'),
    });
  }
  if (auth.can('evaluation.list')) {
    pages.push({
      to: `/${lang}/evaluations`,
      title: t('signedIn.pages.evaluations'),
      description: t('signedIn.pages.evaluationsDescription'),
    });
  }
  if (auth.can('call.list')) {
    pages.push({
      to: `/${lang}/calls`,
      title: t('signedIn.pages.calls'),
      description: t('signedIn.pages.callsDescription'),
    });
  }
  if (auth.can('application.list')) {
    const own = auth.can('officer.self');
    pages.push({
      to: `/${lang}/applications`,
      title: t(own ? 'signedIn.pages.myApplications' : 'signedIn.pages.applications'),
      description: t(
        own ? 'signedIn.pages.myApplicationsDescription' : 'signedIn.pages.applicationsDescription',
      ),
    });
  }
  if (auth.can('course.list')) {
    pages.push({
      to: `/${lang}/training`,
      title: t('signedIn.pages.training'),
      description: t('signedIn.pages.trainingDescription'),
    });
  }
  if (auth.can('officer.self')) {
    pages.push({
      to: `/${lang}/my-training`,
      title: t('signedIn.pages.myTraining'),
      description: t('signedIn.pages.myTrainingDescription'),
    });
  }
  if (auth.can('reference.manage')) {
    pages.push({
      to: `/${lang}/admin/reference`,
      title: t('signedIn.pages.referenceAdmin'),
      description: t('signedIn.pages.referenceAdminDescription'),
    });
  }
  if (auth.can('readiness.board')) {
    pages.push({
      to: `/${lang}/readiness`,
      title: t('signedIn.pages.readiness'),
      description: t('signedIn.pages.readinessDescription'),
    });
  }
  if (auth.can('officer.self')) {
    pages.push({
      to: `/${lang}/my-profile`,
      title: t('signedIn.pages.myProfile'),
      description: t('signedIn.pages.myProfileDescription'),
    });
  }
  if (auth.can('officer.list')) {
    pages.push({
      to: `/${lang}/officers`,
      title: t('signedIn.pages.officers'),
      description: t('signedIn.pages.officersDescription'),
    });
  }
  if (auth.can('qualification.expiring')) {
    pages.push({
      to: `/${lang}/qualifications/expiring`,
      title: t('signedIn.pages.expiring'),
      description: t('signedIn.pages.expiringDescription'),
    });
  }
  if (auth.can('officer.import')) {
    pages.push({
      to: `/${lang}/officers/import`,
      title: t('signedIn.pages.import'),
      description: t('signedIn.pages.importDescription'),
    });
  }
  if (auth.can('pastTour.import')) {
    pages.push({
      to: `/${lang}/past-tours/import`,
      title: t('signedIn.pages.pastTours'),
      description: t('signedIn.pages.pastToursDescription'),
    });
  }
  if (auth.can('agency.list')) {
    pages.push({
      to: `/${lang}/agencies`,
      title: t('signedIn.pages.agencies'),
      description: t('signedIn.pages.agenciesDescription'),
    });
  }
  if (me.user.agencyId && auth.can('agency.read')) {
    pages.push({
      to: `/${lang}/agencies/${me.user.agencyId}`,
      title: t('signedIn.pages.ownAgency'),
      description: t('signedIn.pages.ownAgencyDescription'),
    });
  }
  if (auth.can('statistics.dashboard')) {
    pages.push({
      to: `/${lang}/dashboard`,
      title: t('signedIn.pages.dashboard'),
      description: t('signedIn.pages.dashboardDescription'),
    });
  }
  if (auth.can('audit.read')) {
    pages.push({
      to: `/${lang}/audit`,
      title: t('signedIn.pages.audit'),
      description: t('signedIn.pages.auditDescription'),
    });
  }
  pages.push({
    to: `/${lang}/statistics`,
    title: t('signedIn.pages.statistics'),
    description: t('signedIn.pages.statisticsDescription'),
  });
  pages.push({
    to: `/${lang}/account`,
    title: t('signedIn.pages.account'),
    description: t('signedIn.pages.accountDescription'),
  });

  const { role, partner } = me.user;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t('signedIn.roleLine', { role: roleLabel(t, me.user) })}</p>
      <section aria-labelledby="what-you-do">
        <h2 id="what-you-do">{t('signedIn.whatYouDo')}</h2>
        <p data-testid="role-summary">
          {t(`roles.${role}`, { partner: partner ? t(`common:partners.${partner}`) : '' })}
        </p>
      </section>
      <section aria-labelledby="your-pages">
        <h2 id="your-pages">{t('signedIn.pagesHeading')}</h2>
        <ul className="page-list">
          {pages.map((page) => (
            <li key={page.to}>
              <Link to={page.to}>{page.title}</Link>
              <p>{page.description}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
