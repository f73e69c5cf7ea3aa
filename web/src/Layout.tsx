import { useEffect, useLayoutEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  GcdsButton,
  GcdsFooter,
  GcdsHeader,
  GcdsNavLink,
  GcdsTopNav,
} from '@gcds-core/components-react';
import { useAuth } from './auth.tsx';
import { otherLanguageHref } from './lib/lang.ts';
import { useLang } from './lib/hooks.ts';
import { roleLabel } from './lib/roles.ts';

/** Links of the GC Design System components (header, nav, toggle) navigate inside the app. */
function useInAppGcdsLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const onGcdsClick = (event: Event) => {
      const href = (event as CustomEvent<unknown>).detail;
      if (typeof href !== 'string' || href.startsWith('#')) return;
      const url = new URL(href, window.location.href);
      if (url.origin !== window.location.origin || !/^\/(en|fr)(\/|$)/.test(url.pathname)) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    };
    document.addEventListener('gcdsClick', onGcdsClick);
    return () => document.removeEventListener('gcdsClick', onGcdsClick);
  }, [navigate]);
}

export function Layout() {
  const lang = useLang();
  const location = useLocation();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation('common');
  const auth = useAuth();
  useInAppGcdsLinks();

  useLayoutEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);

  // After an in-app navigation, move focus to the new page's heading so it is announced.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (location.hash) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    (heading ?? document.getElementById('main-content'))?.focus({ preventScroll: false });
  }, [location.pathname, location.hash]);

  const me = auth.state.status === 'signedIn' ? auth.state.me : null;
  const home = `/${lang}/`;
  const endedSignOut = auth.state.status === 'signedOut' && auth.state.ended === true;
  const { signOutShown } = auth;
  useEffect(() => {
    if (endedSignOut && location.pathname === home) signOutShown();
  }, [endedSignOut, home, location.pathname, signOutShown]);
  const path = location.pathname;
  const navLink = (to: string, label: string) => (
    <GcdsNavLink href={to} current={path === to || path.startsWith(`${to}/`)} lang={lang}>
      {label}
    </GcdsNavLink>
  );

  return (
    <>
      <GcdsHeader
        lang={lang}
        langHref={otherLanguageHref(location.pathname, location.search, location.hash, lang)}
        skipToHref="#main-content"
      >
        <GcdsTopNav slot="menu" label={t('header.navLabel')} alignment="end" lang={lang}>
          <GcdsNavLink slot="home" href={home} lang={lang}>
            {t('appName')}
          </GcdsNavLink>
          {me && auth.can('request.list') ? navLink(`/${lang}/requests`, t('nav.requests')) : null}
          {me && auth.can('decision.list')
            ? navLink(`/${lang}/decisions`, t('nav.decisions'))
            : null}
          {me && auth.can('mission.list') ? navLink(`/${lang}/missions`, t('nav.missions')) : null}
          {me && auth.can('evaluation.list')
            ? navLink(`/${lang}/evaluations`, t('nav.evaluations'))
            : null}
          {me && auth.can('call.list') ? navLink(`/${lang}/calls`, t('nav.calls')) : null}
          {me && auth.can('application.list')
            ? navLink(
                `/${lang}/applications`,
                me.user.role === 'officer' ? t('nav.myApplications') : t('nav.applications'),
              )
            : null}
          {me && auth.can('course.list') ? navLink(`/${lang}/training`, t('nav.training')) : null}
          {me && auth.can('readiness.board')
            ? navLink(`/${lang}/readiness`, t('nav.readiness'))
            : null}
          {me && auth.can('contingent.read') && me.user.missionId
            ? navLink(`/${lang}/missions/${me.user.missionId}/contingent`, t('nav.myContingent'))
            : null}
          {me && auth.can('deployment.self')
            ? navLink(`/${lang}/my-deployment`, t('nav.myDeployment'))
            : null}
          {me && auth.can('incident.create')
            ? navLink(`/${lang}/incidents`, t('nav.incidents'))
            : null}
          {me && auth.can('notice.list') ? navLink(`/${lang}/notices`, t('nav.notices')) : null}
          {me && auth.can('report.read') ? navLink(`/${lang}/reports`, t('nav.reports')) : null}
          {me && auth.can('officer.list') ? navLink(`/${lang}/officers`, t('nav.officers')) : null}
          {me && auth.can('agency.list') ? navLink(`/${lang}/agencies`, t('nav.agencies')) : null}
          {me && auth.can('uncontribution.read')
            ? navLink(`/${lang}/un-contributions`, t('nav.unContributions'))
            : null}
          {me && auth.can('officer.self')
            ? navLink(`/${lang}/my-profile`, t('nav.myProfile'))
            : null}
          {me && auth.can('officer.self') && auth.can('training.read')
            ? navLink(`/${lang}/my-training`, t('nav.myTraining'))
            : null}
          {me && auth.can('statistics.dashboard')
            ? navLink(`/${lang}/dashboard`, t('nav.dashboard'))
            : null}
          {me && auth.can('audit.read') ? navLink(`/${lang}/audit`, t('nav.audit')) : null}
          {me && auth.can('user.list') && auth.can('user.update')
            ? navLink(`/${lang}/admin`, t('nav.admin'))
            : null}
          {navLink(`/${lang}/statistics`, t('nav.statistics'))}
          {me ? navLink(`/${lang}/account`, t('nav.account')) : null}
          {auth.state.status === 'signedOut'
            ? navLink(`/${lang}/sign-in`, t('header.signIn'))
            : null}
        </GcdsTopNav>
        <div slot="account">
          {me ? (
            <section className="account-bar" aria-label={t('header.accountLabel')}>
              <p className="account-bar__who">
                {t('header.signedInAs')} <strong>{me.user.displayName}</strong>
                <span className="account-bar__role">
                  {t('header.roleLine', { role: roleLabel(t, me.user) })}
                </span>
              </p>
              <GcdsButton
                type="button"
                buttonRole="secondary"
                size="small"
                lang={lang}
                onClick={() => {
                  void auth.signOut().then(() => navigate(home, { state: { signedOut: true } }));
                }}
              >
                {t('header.signOut')}
              </GcdsButton>
            </section>
          ) : null}
        </div>
      </GcdsHeader>
      <main id="main-content" tabIndex={-1} className="page-container">
        <Outlet />
      </main>
      <GcdsFooter
        lang={lang}
        display="full"
        contextualHeading={t('footer.heading')}
        contextualLinks={{ [t('nav.statistics')]: `/${lang}/statistics` }}
      />
    </>
  );
}
