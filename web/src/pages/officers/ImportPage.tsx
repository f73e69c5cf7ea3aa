import type { RefObject } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ImportForm } from '../../components/ImportForm.tsx';
import { ImportProblems } from '../../components/ImportProblems.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import type { FieldError, ImportReport } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { templateHref } from '../../lib/people.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { useOwnAgencyId } from './parts.tsx';

export function ImportPage() {
  const auth = useAuth();
  if (!auth.can('officer.import')) return <NotFoundPage />;
  return <ImportOfficers />;
}

function ImportOfficers() {
  const { t } = useTranslation('people');
  const lang = useLang();
  const auth = useAuth();
  const ownAgency = useOwnAgencyId();
  usePageTitle(t('import.title'));
  const template = (format: 'csv' | 'xlsx') => templateHref(format, lang);

  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      <p className="lead">{ownAgency ? t('import.introAgency') : t('import.intro')}</p>

      <section aria-labelledby="import-template">
        <h2 id="import-template">{t('import.templateHeading')}</h2>
        <p>{t('import.templateIntro')}</p>
        <ul className="compact-list download-list">
          <li>
            <a className="download-link" href={template('csv')} download>
              {t('import.templateCsv')}
            </a>
          </li>
          <li>
            <a className="download-link" href={template('xlsx')} download>
              {t('import.templateXlsx')}
            </a>
          </li>
        </ul>
        <h3>{t('import.rulesHeading')}</h3>
        <ul>
          <li>{t('import.rules.oneRow')}</li>
          <li>{t('import.rules.required')}</li>
          <li>{t('import.rules.dates')}</li>
          <li>{t('import.rules.match')}</li>
          <li>{t('import.rules.empty')}</li>
          <li>{t('import.rules.allOrNothing')}</li>
          {ownAgency ? <li>{t('import.rules.ownAgency')}</li> : null}
        </ul>
      </section>

      <ImportForm<ImportReport>
        url="/api/v1/officers/import"
        ns="people"
        formName="import"
        headingId="import-send"
        heading={t('import.sendHeading')}
        outcomeId="import-outcome"
        offerDryRun
        showWrittenCount
        renderOutcome={(outcome, headingRef) =>
          outcome.kind === 'report' ? (
            <Report
              report={outcome.report}
              fileName={outcome.fileName}
              headingRef={headingRef}
              canList={auth.can('officer.list')}
            />
          ) : (
            <Problems
              message={outcome.message}
              problems={outcome.problems}
              fileName={outcome.fileName}
              dryRun={outcome.dryRun}
              headingRef={headingRef}
            />
          )
        }
      />
    </>
  );
}

function Report({
  report,
  fileName,
  headingRef,
  canList,
}: {
  report: ImportReport;
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  canList: boolean;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const rows: Array<[string, number]> = [
    [t('import.report.rows'), report.rows],
    [t('import.report.created'), report.created],
    [t('import.report.updated'), report.updated],
    [t('import.report.unchanged'), report.unchanged],
    [t('import.report.qualificationsAdded'), report.qualificationsAdded],
    [t('import.report.qualificationsUpdated'), report.qualificationsUpdated],
  ];
  return (
    <div className={report.dryRun ? 'notice' : 'notice notice--success'}>
      <h2 id="import-outcome" className="notice__title" tabIndex={-1} ref={headingRef}>
        {report.dryRun ? t('import.report.checkedHeading') : t('import.report.importedHeading')}
      </h2>
      <p>
        {report.dryRun
          ? t('import.report.checked', { name: fileName })
          : t('import.report.imported', { name: fileName })}
      </p>
      <table className="data-table data-table--compact report-table">
        <caption>
          {report.dryRun ? t('import.report.captionDryRun') : t('import.report.caption')}
        </caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{formatNumber(lang, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!report.dryRun && canList && report.created + report.updated > 0 ? (
        <p>
          <Link to={`/${lang}/officers`}>{t('import.report.toList')}</Link>
        </p>
      ) : null}
    </div>
  );
}

function Problems({
  message,
  problems,
  fileName,
  dryRun,
  headingRef,
}: {
  dryRun: boolean;
  message: string;
  problems: FieldError[];
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  return (
    <ImportProblems
      headingId="import-outcome"
      headingLevel={2}
      headingRef={headingRef}
      heading={
        dryRun
          ? t('import.problems.headingCheck', { name: fileName })
          : t('import.problems.heading', { name: fileName })
      }
      message={message}
      problems={problems}
      labels={{
        caption: t('import.problems.caption', {
          count: problems.length,
          total: formatNumber(lang, problems.length),
        }),
        line: t('import.problems.line'),
        column: t('import.problems.column'),
        message: t('import.problems.message'),
        wholeFile: t('import.problems.wholeFile'),
      }}
    />
  );
}
