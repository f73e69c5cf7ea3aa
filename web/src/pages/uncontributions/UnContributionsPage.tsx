import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { FilterForm, type FilterSpec } from '../../components/FilterForm.tsx';
import { ImportForm } from '../../components/ImportForm.tsx';
import { ImportProblems } from '../../components/ImportProblems.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pagination, ResultCount } from '../../components/Pagination.tsx';
import type { FieldError, Page } from '../../lib/api.ts';
import { formatDateTime, formatNumber, formatPercent } from '../../lib/format.ts';
import { useApi, useLang, useListQuery, usePageTitle } from '../../lib/hooks.ts';
import { intlLocale, type Lang } from '../../lib/lang.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

type FlagKind =
  | 'mission_normalised'
  | 'unknown_mission'
  | 'total_mismatch'
  | 'types_sum_mismatch'
  | 'aggregate_mismatch'
  | 'duplicate';

interface Flag {
  line: number;
  kind: FlagKind;
  details: Record<string, string | number | null>;
}

interface UnImportReport {
  importId: string;
  fileName: string;
  rows: number;
  aggregates: number;
  months: string[];
  replaced: number;
  flagCount: number;
  flags: Flag[];
}

interface ImportRun {
  id: string;
  fileName: string;
  importedAt: string;
  importedBy: string | null;
  importedByRole: string | null;
  rows: number;
  months: string[];
  status: 'imported' | 'partly_superseded' | 'superseded';
  flagCount: number;
  flags: Flag[];
}

interface PoliceRow {
  month: string;
  contributor: string;
  contributorIso3: string;
  mission: string;
  missionRaw: string;
  aggregate: boolean;
  line: number;
  male: number | null;
  female: number | null;
  total: number | null;
}

interface Figures {
  male: number | null;
  female: number | null;
  total: number | null;
  womenShare: number | null;
  source: 'reported' | 'sum';
}

interface ShareMonth extends Figures {
  month: string;
  contributor: string;
  contributorIso3: string;
}

interface ComparedMonth {
  month: string;
  canada: Figures | null;
  all: Figures | null;
  unTarget: number | null;
  programTarget: number;
  gapToUnTarget: number | null;
}

const filterNames = ['contributor', 'mission', 'month'] as const;

/** "January 2015", « janvier 2015 »: a month end as its month. */
function formatMonth(lang: Lang, isoDate: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A figure as reported: NA (none reported) is shown as such, distinct from 0. */
function Figure({ value }: { value: number | null }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  if (value === null) return <abbr title={t('naLong')}>{t('na')}</abbr>;
  return <>{formatNumber(lang, value)}</>;
}

export function UnContributionsPage() {
  const auth = useAuth();
  if (!auth.can('uncontribution.read')) return <NotFoundPage />;
  return <UnContributions />;
}

function UnContributions() {
  const { t } = useTranslation('uncontributions');
  const auth = useAuth();
  usePageTitle(t('title'));
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('intro')}</p>
      {auth.can('uncontribution.import') ? (
        <UnImport onImported={() => setRefresh((n) => n + 1)} />
      ) : null}
      <Imports refresh={refresh} />
      <PoliceReport refresh={refresh} />
      <CanadaVsAll refresh={refresh} />
    </>
  );
}

function UnImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('uncontributions');
  return (
    <ImportForm<UnImportReport>
      url="/api/v1/un-contributions/import"
      ns="uncontributions"
      formName="un-import"
      headingId="un-import"
      heading={t('import.heading')}
      outcomeId="un-import-outcome"
      offerDryRun={false}
      onImported={onImported}
      renderOutcome={(outcome, headingRef) =>
        outcome.kind === 'report' ? (
          <Report report={outcome.report} fileName={outcome.fileName} headingRef={headingRef} />
        ) : (
          <Problems
            message={outcome.message}
            problems={outcome.problems}
            fileName={outcome.fileName}
            headingRef={headingRef}
          />
        )
      }
    >
      <p>{t('import.rules')}</p>
    </ImportForm>
  );
}

function Report({
  report,
  fileName,
  headingRef,
}: {
  report: UnImportReport;
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  const rows: Array<[string, string]> = [
    [t('import.rows'), formatNumber(lang, report.rows)],
    [t('import.aggregates'), formatNumber(lang, report.aggregates)],
    [t('import.months'), report.months.map((m) => formatMonth(lang, m)).join(', ')],
    [t('import.replaced'), formatNumber(lang, report.replaced)],
    [t('import.flagCount'), formatNumber(lang, report.flagCount)],
  ];
  return (
    <div className="notice notice--success">
      <h3 id="un-import-outcome" className="notice__title" tabIndex={-1} ref={headingRef}>
        {t('import.importedHeading')}
      </h3>
      <p>{t('import.imported', { name: fileName })}</p>
      <table className="data-table data-table--compact report-table">
        <caption>{t('import.summaryCaption')}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FlagsTable flags={report.flags} total={report.flagCount} />
    </div>
  );
}

function Problems({
  message,
  problems,
  fileName,
  headingRef,
}: {
  message: string;
  problems: FieldError[];
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  return (
    <ImportProblems
      headingId="un-import-outcome"
      headingLevel={3}
      headingRef={headingRef}
      heading={t('import.problemsHeading', { name: fileName })}
      message={message}
      problems={problems}
      labels={{
        caption: t('import.problemsCaption', {
          count: problems.length,
          total: formatNumber(lang, problems.length),
        }),
        line: t('import.line'),
        column: t('import.column'),
        message: t('import.message'),
        wholeFile: t('import.wholeFile'),
      }}
    />
  );
}

/** A flag's values as the page's language writes them (numbers formatted, NA as such). */
function flagParams(lang: Lang, na: string, details: Flag['details']) {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [
      k,
      v === null ? na : typeof v === 'number' ? formatNumber(lang, v) : v,
    ]),
  );
}

function FlagsTable({ flags, total }: { flags: Flag[]; total: number }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  if (!total) return <p>{t('flagsTable.none')}</p>;
  return (
    <div className="table-wrapper">
      <table className="data-table">
        <caption>
          {t('flagsTable.caption', { count: total, total: formatNumber(lang, total) })}
          {total > flags.length
            ? ` ${t('flagsTable.truncated', { shown: formatNumber(lang, flags.length) })}`
            : null}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('flagsTable.line')}
            </th>
            <th scope="col">{t('flagsTable.kind')}</th>
            <th scope="col">{t('flagsTable.details')}</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((f, i) => (
            <tr key={`${f.line}-${f.kind}-${i}`}>
              <th scope="row" className="numeric">
                {formatNumber(lang, f.line)}
              </th>
              <td>{t(`kinds.${f.kind}`)}</td>
              <td>{t(`flags.${f.kind}`, flagParams(lang, t('na'), f.details))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Imports({ refresh }: { refresh: number }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  const runs = useApi<{ items: ImportRun[] }>('/api/v1/un-contributions/imports', refresh);
  return (
    <section aria-labelledby="un-imports">
      <h2 id="un-imports">{t('imports.heading')}</h2>
      {runs.status === 'error' ? <LoadError error={runs.error} /> : null}
      {runs.status === 'loading' ? <Loading /> : null}
      {runs.status === 'ready' && runs.data.items.length === 0 ? <p>{t('imports.empty')}</p> : null}
      {runs.status === 'ready' && runs.data.items.length > 0 ? (
        <>
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('imports.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.when')}</th>
                  <th scope="col">{t('imports.file')}</th>
                  <th scope="col">{t('imports.by')}</th>
                  <th scope="col" className="numeric">
                    {t('imports.rows')}
                  </th>
                  <th scope="col">{t('imports.months')}</th>
                  <th scope="col">{t('imports.status')}</th>
                  <th scope="col" className="numeric">
                    {t('imports.flags')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">{formatDateTime(lang, run.importedAt)}</th>
                    <td>{run.fileName}</td>
                    <td>{run.importedBy ?? t('imports.cli')}</td>
                    <td className="numeric">{formatNumber(lang, run.rows)}</td>
                    <td>{run.months.map((m) => formatMonth(lang, m)).join(', ')}</td>
                    <td>{t(`imports.statuses.${run.status}`)}</td>
                    <td className="numeric">{formatNumber(lang, run.flagCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {runs.data.items
            .filter((run) => run.flagCount > 0)
            .map((run) => (
              <details key={run.id} className="un-import-flags">
                <summary>
                  {t('imports.showFlags', {
                    name: `${run.fileName} (${formatDateTime(lang, run.importedAt)})`,
                    count: run.flagCount,
                  })}
                </summary>
                <FlagsTable flags={run.flags} total={run.flagCount} />
              </details>
            ))}
        </>
      ) : null}
    </section>
  );
}

function PoliceReport({ refresh }: { refresh: number }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  const { filters, apiQuery } = useListQuery(filterNames, 50);
  const rows = useApi<Page<PoliceRow>>(`/api/v1/un-contributions/police?${apiQuery}`, refresh);
  const contributor = filters.contributor?.trim() ?? '';
  const iso = /^([A-Za-z]{3}|all)$/.test(contributor) ? contributor : '';
  const specs: FilterSpec[] = [
    {
      name: 'contributor',
      label: t('police.filters.contributor'),
      type: 'search',
      hint: t('police.filters.contributorHint'),
    },
    {
      name: 'mission',
      label: t('police.filters.mission'),
      type: 'search',
      hint: t('police.filters.missionHint'),
    },
    {
      name: 'month',
      label: t('police.filters.month'),
      type: 'search',
      hint: t('police.filters.monthHint'),
    },
  ];
  const data = rows.status === 'ready' ? rows.data : null;
  const all = (value: string) => (value === 'all' ? t('police.all') : value);
  return (
    <section aria-labelledby="un-police">
      <h2 id="un-police">{t('police.heading')}</h2>
      <FilterForm id="un-police-filters" filters={specs} values={filters} />
      {rows.status === 'error' ? <LoadError error={rows.error} /> : null}
      {rows.status === 'loading' ? <Loading /> : null}
      {data && data.items.length === 0 ? <p>{t('police.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          <ResultCount {...data} />
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('police.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('police.month')}</th>
                  <th scope="col">{t('police.contributor')}</th>
                  <th scope="col">{t('police.mission')}</th>
                  <th scope="col" className="numeric">
                    {t('police.men')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('police.women')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('police.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr
                    key={`${r.month}-${r.line}`}
                    className={r.aggregate ? 'row--total' : undefined}
                  >
                    <td>{formatMonth(lang, r.month)}</td>
                    <th scope="row">
                      {all(r.contributor)}
                      {r.contributorIso3 !== 'all' ? ` (${r.contributorIso3})` : ''}
                    </th>
                    <td>
                      {all(r.mission)}
                      {r.missionRaw !== r.mission ? (
                        <>
                          {' '}
                          <span className="help">
                            ({t('police.asReported', { raw: r.missionRaw })})
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="numeric">
                      <Figure value={r.male} />
                    </td>
                    <td className="numeric">
                      <Figure value={r.female} />
                    </td>
                    <td className="numeric">
                      <Figure value={r.total} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination {...data} />
        </>
      ) : null}
      {iso ? <WomenShare contributor={iso} refresh={refresh} /> : null}
    </section>
  );
}

function WomenShare({ contributor, refresh }: { contributor: string; refresh: number }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  const share = useApi<{ items: ShareMonth[] }>(
    `/api/v1/un-contributions/women-share?contributor=${encodeURIComponent(contributor)}`,
    refresh,
  );
  if (share.status === 'error') return <LoadError error={share.error} />;
  if (share.status === 'loading') return <Loading />;
  if (!share.data.items.length) return null;
  const name =
    share.data.items[0]!.contributor === 'all' ? t('police.all') : share.data.items[0]!.contributor;
  return (
    <>
      <h3 id="un-share">{t('share.heading', { contributor: name })}</h3>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t('share.caption', { contributor: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('police.month')}</th>
              <th scope="col" className="numeric">
                {t('police.men')}
              </th>
              <th scope="col" className="numeric">
                {t('police.women')}
              </th>
              <th scope="col" className="numeric">
                {t('police.total')}
              </th>
              <th scope="col" className="numeric">
                {t('share.share')}
              </th>
              <th scope="col">{t('share.source')}</th>
            </tr>
          </thead>
          <tbody>
            {share.data.items.map((r) => (
              <tr key={r.month}>
                <th scope="row">{formatMonth(lang, r.month)}</th>
                <td className="numeric">
                  <Figure value={r.male} />
                </td>
                <td className="numeric">
                  <Figure value={r.female} />
                </td>
                <td className="numeric">
                  <Figure value={r.total} />
                </td>
                <td className="numeric">
                  {r.womenShare === null ? '—' : formatPercent(lang, r.womenShare)}
                </td>
                <td>{t(`share.sources.${r.source}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CanadaVsAll({ refresh }: { refresh: number }) {
  const { t } = useTranslation('uncontributions');
  const lang = useLang();
  const months = useApi<{ items: ComparedMonth[] }>(
    '/api/v1/un-contributions/canada-vs-all',
    refresh,
  );
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatPercent(lang, v);
  const items = months.status === 'ready' ? months.data.items : null;
  return (
    <section aria-labelledby="un-canada">
      <h2 id="un-canada">{t('canada.heading')}</h2>
      {months.status === 'error' ? <LoadError error={months.error} /> : null}
      {months.status === 'loading' ? <Loading /> : null}
      {items && items.length === 0 ? <p>{t('canada.empty')}</p> : null}
      {items && items.length > 0 ? (
        <>
          <p>{t('canada.intro', { program: pct(items[0]!.programTarget) })}</p>
          <div className="table-wrapper">
            <table className="data-table">
              <caption>{t('canada.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('canada.month')}</th>
                  <th scope="col" className="numeric">
                    {t('canada.canadaTotal')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.canadaWomen')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.canadaShare')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.allTotal')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.allShare')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.unTarget')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.programTarget')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('canada.gap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{formatMonth(lang, m.month)}</th>
                    <td className="numeric">
                      {m.canada ? <Figure value={m.canada.total} /> : '—'}
                    </td>
                    <td className="numeric">
                      {m.canada ? <Figure value={m.canada.female} /> : '—'}
                    </td>
                    <td className="numeric">{pct(m.canada?.womenShare)}</td>
                    <td className="numeric">{m.all ? <Figure value={m.all.total} /> : '—'}</td>
                    <td className="numeric">{pct(m.all?.womenShare)}</td>
                    <td className="numeric">{pct(m.unTarget)}</td>
                    <td className="numeric">{pct(m.programTarget)}</td>
                    <td className="numeric">
                      {m.gapToUnTarget === null
                        ? '—'
                        : t('canada.points', {
                            value: `${m.gapToUnTarget > 0 ? '+' : ''}${formatNumber(lang, m.gapToUnTarget)}`,
                          })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
