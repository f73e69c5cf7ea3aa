import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatDate, formatPercent, nameIn } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import type { Lang } from '../../lib/lang.ts';
import {
  countText,
  pointsText,
  type PublicStatistics,
  type PublishedCount,
  type WomenYear,
} from '../../lib/statistics.ts';
import type { WorldMap as WorldMapData } from './charts.ts';
import './statistics.css';

/**
 * The public statistics page (no sign-in): the headline figures, the women's share over time (a
 * chart, its data table and a one-sentence summary), the countries served on a world map (and in
 * a table), and the current missions. Every count comes from /api/v1/public/statistics, small
 * ones already withheld by the server.
 */
export function StatisticsPage() {
  const { t } = useTranslation('statistics');
  const lang = useLang();
  usePageTitle(t('public.title'));
  const stats = useApi<PublicStatistics>('/api/v1/public/statistics');
  return (
    <>
      <PageHeading>{t('public.title')}</PageHeading>
      {stats.status === 'loading' ? <Loading /> : null}
      {stats.status === 'error' ? <LoadError error={stats.error} /> : null}
      {stats.status === 'ready' ? <Figures data={stats.data} lang={lang} t={t} /> : null}
    </>
  );
}

function Figures({ data, lang, t }: { data: PublicStatistics; lang: Lang; t: TFunction }) {
  const c = (value: PublishedCount) => countText(t, lang, value);
  const h = data.headline;
  return (
    <>
      <p className="lead">
        {data.since
          ? t('public.intro', { date: formatDate(lang, data.asOf), year: data.since })
          : t('public.introNoYear', { date: formatDate(lang, data.asOf) })}
      </p>
      <p>{t('public.privacy')}</p>
      <p>
        <a href="/api/v1/public/statistics" hrefLang="en" type="application/json">
          {t('public.openData')}
        </a>
      </p>

      <section aria-labelledby="headline">
        <h2 id="headline">{t('headline.heading')}</h2>
        <HeadlineFigures
          since={data.since}
          values={{
            officersDeployed: c(h.officersDeployed),
            countries: c(h.countries),
            missions: c(h.missions),
            tours: c(h.tours),
            deployedNow: c(h.deployedNow.total),
            parts: {
              inTheatre: c(h.deployedNow.inTheatre),
              remote: c(h.deployedNow.remote),
              travelling: c(h.deployedNow.travelling),
              history: c(h.deployedNow.history),
            },
            women: h.womenShare === null ? c(h.women) : formatPercent(lang, h.womenShare),
          }}
        />
      </section>

      <WomenSection data={data} lang={lang} t={t} />
      <CountriesSection data={data} lang={lang} t={t} />

      <section aria-labelledby="current-missions">
        <h2 id="current-missions">{t('missions.heading')}</h2>
        {data.currentMissions.length === 0 ? (
          <p>{t('missions.none')}</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('missions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('missions.mission')}</th>
                  <th scope="col">{t('missions.country')}</th>
                  <th scope="col" className="numeric">
                    {t('missions.deployed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.currentMissions.map((m) => (
                  <tr key={m.code}>
                    <th scope="row">
                      {m.acronym} <span className="help">({nameIn(lang, m)})</span>
                    </th>
                    <td>{lang === 'fr' ? m.countryNameFr : m.countryNameEn}</td>
                    <td className="numeric">{c(m.deployed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** The headline figures, as the public page and the dashboard show them (values already written). */
export function HeadlineFigures({
  since,
  values,
}: {
  since: number | null;
  values: {
    officersDeployed: string;
    countries: string;
    missions: string;
    tours: string;
    deployedNow: string;
    parts: Record<'inTheatre' | 'remote' | 'travelling' | 'history', string>;
    women: string;
    womenDetail?: string[];
  };
}) {
  const { t } = useTranslation('statistics');
  return (
    <dl className="figures">
      <Figure
        label={
          since
            ? t('headline.officersDeployed', { year: since })
            : t('headline.officersDeployedNoYear')
        }
        value={values.officersDeployed}
        testId="officers-deployed"
      />
      <Figure label={t('headline.countries')} value={values.countries} />
      <Figure label={t('headline.missions')} value={values.missions} />
      <Figure label={t('headline.tours')} value={values.tours} />
      <Figure
        label={t('headline.deployedNow')}
        value={values.deployedNow}
        detail={(['inTheatre', 'remote', 'travelling', 'history'] as const).map((part) =>
          t('headline.part', { label: t(`headline.${part}`), value: values.parts[part] }),
        )}
      />
      <Figure label={t('headline.women')} value={values.women} detail={values.womenDetail} />
    </dl>
  );
}

export function Figure({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  /** Parts of the figure, each a line ("In theatre: 6"). */
  detail?: string[];
  testId?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="figure-value" data-testid={testId}>
          {value}
        </span>
        {detail ? (
          <ul className="figure-detail">
            {detail.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </dd>
    </div>
  );
}

/** The sentence that says what the chart shows: the latest year, its share and its target. */
function summaryOf(t: TFunction, lang: Lang, years: WomenYear[]): string {
  const last = years.at(-1);
  if (!last) return t('women.summaryNone');
  if (last.share === null) return t('women.summaryWithheld', { year: last.year });
  const share = formatPercent(lang, last.share);
  return last.unTarget === null
    ? t('women.summaryNoTarget', { year: last.year, share })
    : t('women.summary', { year: last.year, share, target: formatPercent(lang, last.unTarget) });
}

function WomenSection({ data, lang, t }: { data: PublicStatistics; lang: Lang; t: TFunction }) {
  const years = data.womenOverTime;
  const svg = useWomenChart(years, lang, t);
  const c = (value: PublishedCount) => countText(t, lang, value);
  return (
    <section aria-labelledby="women">
      <h2 id="women">{t('women.heading')}</h2>
      <p>
        {t('women.intro', {
          un: formatPercent(lang, data.targets.un),
          program: formatPercent(lang, data.targets.program),
        })}
      </p>
      <p id="women-summary" data-testid="women-summary">
        {summaryOf(t, lang, years)}
      </p>
      {svg ? (
        <div
          className="chart"
          role="img"
          aria-label={t('women.chartLabel')}
          aria-describedby="women-summary"
          data-testid="women-chart"
          // The SVG comes from ECharts' server-side renderer, fed only numbers and our own labels.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : null}
      <h3 id="women-table">{t('women.tableHeading')}</h3>
      <div className="table-wrapper">
        <table className="data-table" aria-describedby="women-summary">
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
                {t('women.programTarget')}
              </th>
              <th scope="col" className="numeric">
                {t('women.gap')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...years].reverse().map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td className="numeric">{c(y.deployed)}</td>
                <td className="numeric">{c(y.women)}</td>
                <td className="numeric">{formatPercent(lang, y.share)}</td>
                <td className="numeric">{formatPercent(lang, y.unTarget)}</td>
                <td className="numeric">{formatPercent(lang, y.programTarget)}</td>
                <td className="numeric">{pointsText(lang, y.gapToUnTarget)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The chart's SVG, drawn once the charting code has loaded (it is split from the main bundle). */
function useWomenChart(years: WomenYear[], lang: Lang, t: TFunction): string | null {
  const [svg, setSvg] = useState<{ key: string; svg: string } | null>(null);
  const key = `${lang}:${years.map((y) => `${y.year}=${y.share}`).join(',')}`;
  useEffect(() => {
    let live = true;
    void import('./charts.ts').then(({ womenShareSvg }) => {
      if (!live || years.length === 0) return;
      const drawn = womenShareSvg({
        years: years.map((y) => y.year),
        share: years.map((y) => y.share),
        un: years.map((y) => y.unTarget),
        program: years.map((y) => y.programTarget),
        labels: {
          share: t('women.seriesShare'),
          un: t('women.seriesUn'),
          program: t('women.seriesProgram'),
        },
        percent: (v) => formatPercent(lang, v),
      });
      setSvg({ key, svg: drawn });
    });
    return () => {
      live = false;
    };
  }, [key, years, lang, t]);
  return svg?.key === key ? svg.svg : null;
}

function CountriesSection({ data, lang, t }: { data: PublicStatistics; lang: Lang; t: TFunction }) {
  const [map, setMap] = useState<WorldMapData | null>(null);
  const codes = data.countries.map((c) => c.code).join(',');
  const now = new Set(data.currentMissions.map((m) => m.countryCode));
  const nowCodes = [...now].sort().join(',');
  useEffect(() => {
    let live = true;
    void import('./charts.ts')
      .then(({ worldMap }) => worldMap(new Set(codes.split(',')), new Set(nowCodes.split(','))))
      .then((drawn) => {
        if (live) setMap(drawn);
      });
    return () => {
      live = false;
    };
  }, [codes, nowCodes]);
  const c = (value: PublishedCount) => countText(t, lang, value);
  const sorted = [...data.countries].sort((a, b) =>
    nameIn(lang, a).localeCompare(nameIn(lang, b), lang),
  );
  return (
    <section aria-labelledby="countries">
      <h2 id="countries">
        {data.since ? t('countries.headingSince', { year: data.since }) : t('countries.heading')}
      </h2>
      {data.countries.length === 0 ? <p>{t('countries.none')}</p> : null}
      {map && data.countries.length > 0 ? (
        <div className="world-map" data-testid="world-map">
          <svg
            viewBox={`0 0 ${map.width} ${map.height}`}
            role="img"
            aria-label={t('countries.mapLabel', { count: data.countries.length })}
          >
            {map.countries.map((country) => (
              <path
                key={country.key}
                d={country.d}
                className={
                  country.current
                    ? 'country country--current'
                    : country.served
                      ? 'country country--served'
                      : 'country'
                }
                data-served={country.served ? 'true' : undefined}
                data-current={country.current ? 'true' : undefined}
              />
            ))}
          </svg>
          <ul className="map-legend">
            <li>
              <span className="map-legend__swatch map-legend__swatch--current" aria-hidden="true" />
              {t('countries.legendCurrent')}
            </li>
            <li>
              <span className="map-legend__swatch map-legend__swatch--served" aria-hidden="true" />
              {t('countries.legendServed')}
            </li>
          </ul>
        </div>
      ) : null}
      {data.countries.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('countries.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('countries.country')}</th>
                <th scope="col" className="numeric">
                  {t('countries.officers')}
                </th>
                <th scope="col">{t('countries.years')}</th>
                <th scope="col">{t('countries.now')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((country) => (
                <tr key={country.code}>
                  <th scope="row">{nameIn(lang, country)}</th>
                  <td className="numeric">{c(country.officers)}</td>
                  <td>
                    {country.firstYear === country.lastYear
                      ? country.firstYear
                      : t('countries.span', { from: country.firstYear, to: country.lastYear })}
                  </td>
                  <td>{now.has(country.code) ? t('countries.nowYes') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
