import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';
import {
  chartOf,
  isNumeric,
  reportQuery,
  type ChartData,
  type ReportAnswer,
  type ReportSummary,
} from '../../lib/reports.ts';
import { useMissionOptions } from '../evaluations/EvaluationsPage.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useAgencies } from '../officers/parts.tsx';
import '../statistics/statistics.css';

const genders = ['woman', 'man', 'another', 'undisclosed'] as const;

/** Reports for program staff, the decision partners and auditors: aggregates, never a person. */
export function ReportsPage() {
  const auth = useAuth();
  if (!auth.can('report.read')) return <NotFoundPage />;
  return <Reports />;
}

function Reports() {
  const { t } = useTranslation('reports');
  usePageTitle(t('title'));
  const list = useApi<{ items: ReportSummary[] }>('/api/v1/reports');
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('intro')}</p>
      {list.status === 'error' ? <LoadError error={list.error} /> : null}
      {list.status === 'loading' ? <Loading /> : null}
      {list.status === 'ready' ? <ReportView reports={list.data.items} /> : null}
    </>
  );
}

function ReportView({ reports }: { reports: ReportSummary[] }) {
  const { t } = useTranslation('reports');
  const { t: tp } = useTranslation('people');
  const lang = useLang();
  const [params] = useSearchParams();
  const report = reports.find((r) => r.id === params.get('report')) ?? reports[0]!;
  const values = Object.fromEntries(
    ['report', ...report.filters].map((k) => [k, params.get(k)?.trim() ?? '']),
  );
  const { options: missionOptions } = useMissionOptions();
  const countries = useCodeList('countries');
  const organizations = useCodeList('organizations');
  const postTypes = useCodeList('post-types');
  const agencies = useAgencies();

  const specs = useMemo(() => {
    const byKey: Record<string, FilterSpec> = {
      from: { name: 'from', label: t('filters.from'), type: 'date', hint: t('filters.dateHint') },
      to: { name: 'to', label: t('filters.to'), type: 'date', hint: t('filters.dateHint') },
      missionId: {
        name: 'missionId',
        label: t('filters.missionId'),
        type: 'select',
        options: missionOptions,
      },
      countryCode: {
        name: 'countryCode',
        label: t('filters.countryCode'),
        type: 'select',
        options: countries.options,
      },
      organizationCode: {
        name: 'organizationCode',
        label: t('filters.organizationCode'),
        type: 'select',
        options: organizations.options,
      },
      agencyId: {
        name: 'agencyId',
        label: t('filters.agencyId'),
        type: 'select',
        options: agencies.options,
      },
      role: { name: 'role', label: t('filters.role'), type: 'select', options: postTypes.options },
      gender: {
        name: 'gender',
        label: t('filters.gender'),
        type: 'select',
        options: genders.map((g) => ({ value: g, label: tp(`genders.${g}`) })),
      },
    };
    return [
      {
        name: 'report',
        label: t('choose'),
        type: 'select',
        options: reports.map((r) => ({ value: r.id, label: t(`titles.${r.id}`) })),
        defaultValue: reports[0]!.id,
      } satisfies FilterSpec,
      ...report.filters.map((k) => byKey[k]!),
    ];
  }, [t, tp, reports, report, missionOptions, countries, organizations, postTypes, agencies]);

  const query = reportQuery(report, values);
  const answer = useApi<ReportAnswer>(`/api/v1/reports/${report.id}?${query}`);
  const title = t(`titles.${report.id}`);
  const exportHref = (format: string) =>
    `/api/v1/reports/${report.id}?${reportQuery(report, values, { format, lang })}`;

  return (
    <>
      <FilterForm id="report-filters" filters={specs} values={values} />
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{title}</h2>
        <p>{t(`descriptions.${report.id}`)}</p>
        {answer.status === 'error' ? <LoadError error={answer.error} /> : null}
        {answer.status === 'loading' ? <Loading /> : null}
        {answer.status === 'ready' && report.chart ? (
          <ReportChart title={title} report={report} answer={answer.data} />
        ) : null}
        {answer.status === 'ready' ? <ReportTableView title={title} answer={answer.data} /> : null}
      </section>
      <section aria-labelledby="report-export">
        <h2 id="report-export">{t('export.heading')}</h2>
        <ul className="export-links">
          {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
            <li key={format}>
              <a href={exportHref(format)} download>
                {t(`export.${format}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function ReportTableView({ title, answer }: { title: string; answer: ReportAnswer }) {
  const { t } = useTranslation('reports');
  const lang = useLang();
  if (answer.rows.length === 0) return <p>{t('empty')}</p>;
  const [first, ...rest] = answer.columns;
  const cell = (kind: string, value: string | number | null) => {
    if (value === null || value === '') return t('none');
    if (typeof value === 'number')
      return kind === 'percent' ? formatPercent(lang, value) : formatNumber(lang, value);
    return value;
  };
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption>{t('caption', { title, count: answer.rows.length })}</caption>
        <thead>
          <tr>
            {answer.columns.map((c) => (
              <th key={c.key} scope="col" className={isNumeric(c) ? 'numeric' : undefined}>
                {t(`columns.${c.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answer.rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">{cell(first!.kind, row[first!.key] ?? null)}</th>
              {rest.map((c) => (
                <td key={c.key} className={isNumeric(c) ? 'numeric' : undefined}>
                  {cell(c.kind, row[c.key] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The report at a glance: stacked bars drawn by ECharts as an SVG string (the charting code is
 * loaded on demand), with a sentence that says what it shows; the table below is its text
 * alternative, with the same figures.
 */
function ReportChart({
  title,
  report,
  answer,
}: {
  title: string;
  report: ReportSummary;
  answer: ReportAnswer;
}) {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const data = useMemo(
    () => chartOf(report.chart!, answer.rows, (key) => t(`columns.${key}`), t('chart.other')),
    [report, answer, t],
  );
  const svg = useBarChart(data, lang);
  if (!data) return null;
  const chart = report.chart!;
  const series =
    'series' in chart
      ? chart.series.map((key) => t(`columns.${key}`)).join(', ')
      : t('chart.splitBy', {
          value: t(`columns.${chart.value}`),
          stack: t(`columns.${chart.stackBy}`),
        });
  const summaryId = `report-chart-summary-${report.id}`;
  return (
    <figure className="report-chart">
      <p id={summaryId}>
        {t('chart.summary', { series, category: t(`columns.${chart.category}`).toLowerCase() })}
      </p>
      {svg ? (
        <div
          className="chart"
          role="img"
          aria-label={t('chart.label', { title })}
          aria-describedby={summaryId}
          data-testid="report-chart"
          // The SVG comes from ECharts' server-side renderer, fed only numbers and our own labels.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : null}
    </figure>
  );
}

function useBarChart(data: ChartData | null, lang: 'en' | 'fr'): string | null {
  const [drawn, setDrawn] = useState<{ data: ChartData; svg: string } | null>(null);
  useEffect(() => {
    let live = true;
    if (!data) return;
    void import('../statistics/charts.ts').then(({ stackedBarSvg }) => {
      if (live)
        setDrawn({ data, svg: stackedBarSvg({ ...data, number: (v) => formatNumber(lang, v) }) });
    });
    return () => {
      live = false;
    };
  }, [data, lang]);
  return drawn?.data === data ? drawn.svg : null;
}
