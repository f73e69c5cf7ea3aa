import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatDate, formatNumber, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import type { Lang } from '../../lib/lang.ts';
import { formatPercent } from '../../lib/format.ts';
import { pointsText, type Dashboard } from '../../lib/statistics.ts';
import { HeadlineFigures } from './StatisticsPage.tsx';
import './statistics.css';

/**
 * The program dashboard (program staff, decision partners, auditors): the headline figures
 * unsuppressed, by partner agency, the women's share by year and mission against the targets,
 * and the SGBV-team and gender-adviser posts filled. Aggregates only.
 */
export function DashboardPage() {
  const { t } = useTranslation('statistics');
  const lang = useLang();
  usePageTitle(t('dashboard.title'));
  const board = useApi<Dashboard>('/api/v1/statistics/dashboard');
  return (
    <>
      <PageHeading>{t('dashboard.title')}</PageHeading>
      {board.status === 'loading' ? <Loading /> : null}
      {board.status === 'error' ? <LoadError error={board.error} /> : null}
      {board.status === 'ready' ? <Board data={board.data} lang={lang} t={t} /> : null}
    </>
  );
}

function Board({ data, lang, t }: { data: Dashboard; lang: Lang; t: TFunction }) {
  const n = (value: number) => formatNumber(lang, value);
  const now = data.deployedNow;
  const thisYear = data.womenByYear.at(-1);
  return (
    <>
      <p className="lead">{t('dashboard.intro', { date: formatDate(lang, data.asOf) })}</p>
      <p>
        <Link to={`/${lang}/statistics`}>{t('dashboard.publicLink')}</Link>
      </p>
      <section aria-labelledby="headline">
        <h2 id="headline">{t('headline.heading')}</h2>
        <HeadlineFigures
          since={data.since}
          values={{
            officersDeployed: n(data.officersDeployed),
            countries: n(data.countries),
            missions: n(data.missions),
            tours: n(data.tours),
            deployedNow: n(now.total),
            parts: {
              inTheatre: n(now.inTheatre),
              remote: n(now.remote),
              travelling: n(now.travelling),
              history: n(now.history),
            },
            women: formatPercent(lang, data.womenShare),
            womenDetail: [t('headline.part', { label: t('women.women'), value: n(data.women) })],
          }}
        />
        {data.unlinkedTours > 0 ? (
          <p className="help">{t('dashboard.unlinked', { count: data.unlinkedTours })}</p>
        ) : null}
      </section>

      <section aria-labelledby="by-agency">
        <h2 id="by-agency">{t('dashboard.agencyHeading')}</h2>
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('dashboard.agencyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.agency')}</th>
                <th scope="col" className="numeric">
                  {t('dashboard.officers')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.women')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.share')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.tours')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.deployedNow')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byAgency.map((a) => (
                <tr key={a.code}>
                  <th scope="row">{nameIn(lang, a)}</th>
                  <td className="numeric">{n(a.officers)}</td>
                  <td className="numeric">{n(a.women)}</td>
                  <td className="numeric">{formatPercent(lang, a.womenShare)}</td>
                  <td className="numeric">{n(a.tours)}</td>
                  <td className="numeric">{n(a.deployedNow)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="current">
        <h2 id="current">{t('missions.heading')}</h2>
        {data.currentMissions.length === 0 ? (
          <p>{t('missions.none')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('dashboard.currentCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.mission')}</th>
                  <th scope="col" className="numeric">
                    {t('dashboard.total')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('dashboard.inTheatre')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('dashboard.remote')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('dashboard.travelling')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('dashboard.history')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.currentMissions.map((m) => (
                  <tr key={m.code}>
                    <th scope="row">
                      {m.acronym} <span className="help">({nameIn(lang, m)})</span>
                    </th>
                    <td className="numeric">{n(m.total)}</td>
                    <td className="numeric">{n(m.inTheatre)}</td>
                    <td className="numeric">{n(m.remote)}</td>
                    <td className="numeric">{n(m.travelling)}</td>
                    <td className="numeric">{n(m.history)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="wps">
        <h2 id="wps">{t('dashboard.wpsHeading')}</h2>
        <p>
          {data.targets.gapToUnTarget === null
            ? t('dashboard.targetsNoGap', {
                un: formatPercent(lang, data.targets.un),
                program: formatPercent(lang, data.targets.program),
              })
            : t('dashboard.targets', {
                un: formatPercent(lang, data.targets.un),
                program: formatPercent(lang, data.targets.program),
                gap: pointsText(lang, data.targets.gapToUnTarget),
              })}
        </p>
        <dl className="details-list">
          <div>
            <dt>{t('dashboard.sgbvTeam')}</dt>
            <dd>
              {t('dashboard.filled', {
                filled: n(data.wpsPosts.sgbvTeam.filled),
                posts: n(data.wpsPosts.sgbvTeam.posts),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('dashboard.genderAdviser')}</dt>
            <dd>
              {t('dashboard.filled', {
                filled: n(data.wpsPosts.genderAdviser.filled),
                posts: n(data.wpsPosts.genderAdviser.posts),
              })}
            </dd>
          </div>
        </dl>
        {thisYear ? (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('women.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('women.year')}</th>
                  <th scope="col" className="numeric">
                    {t('women.deployed')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('women.women')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('women.share')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('women.unTarget')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('women.gap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...data.womenByYear].reverse().map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td className="numeric">{n(y.deployed)}</td>
                    <td className="numeric">{n(y.women)}</td>
                    <td className="numeric">{formatPercent(lang, y.share)}</td>
                    <td className="numeric">{formatPercent(lang, y.unTarget)}</td>
                    <td className="numeric">{pointsText(lang, y.gapToUnTarget)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="by-mission">
        <h2 id="by-mission">{t('dashboard.missionHeading')}</h2>
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('dashboard.missionCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.mission')}</th>
                <th scope="col" className="numeric">
                  {t('dashboard.officers')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.women')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.share')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.tours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.womenByMission.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    {m.acronym} <span className="help">({nameIn(lang, m)})</span>
                  </th>
                  <td className="numeric">{n(m.officers)}</td>
                  <td className="numeric">{n(m.women)}</td>
                  <td className="numeric">{formatPercent(lang, m.share)}</td>
                  <td className="numeric">{n(m.tours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
