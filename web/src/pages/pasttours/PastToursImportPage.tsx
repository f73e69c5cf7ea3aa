import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ImportForm, ImportReportNotice } from '../../components/ImportForm.tsx';
import { ImportProblems } from '../../components/ImportProblems.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** The answer of POST /api/v1/past-tours/import. */
interface PastTourReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  officersCreated: number;
  dryRun: boolean;
}

/** The file's columns (src/modules/pasttours/format.ts), headers in English and French. */
const columns = [
  ['badgeNumber', 'badge_number', 'matricule'],
  ['agency', 'agency', 'service'],
  ['familyName', 'family_name', 'nom'],
  ['givenName', 'given_name', 'prenom'],
  ['gender', 'gender', 'genre'],
  ['mission', 'mission', 'mission'],
  ['country', 'country', 'pays'],
  ['post', 'post', 'poste'],
  ['startDate', 'start_date', 'date_debut'],
  ['endDate', 'end_date', 'date_fin'],
] as const;

export function PastToursImportPage() {
  const auth = useAuth();
  if (!auth.can('pastTour.import')) return <NotFoundPage />;
  return <ImportPastTours />;
}

function ImportPastTours() {
  const { t } = useTranslation('pasttours');
  const lang = useLang();
  usePageTitle(t('import.title'));
  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      <p className="lead">{t('import.intro')}</p>

      <section aria-labelledby="past-tours-template">
        <h2 id="past-tours-template">{t('import.templateHeading')}</h2>
        <p>{t('import.templateIntro')}</p>
        <ul className="compact-list download-list">
          <li>
            <a
              className="download-link"
              href={`/api/v1/past-tours/import-template?lang=${lang}`}
              download
            >
              {t('import.templateCsv')}
            </a>
          </li>
        </ul>
        <h3>{t('import.columnsHeading')}</h3>
        <div className="table-wrapper">
          <table className="data-table data-table--compact">
            <caption>{t('import.columnsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.columnHeader')}</th>
                <th scope="col">{t('import.columnMeaning')}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map(([key, en, fr]) => (
                <tr key={key}>
                  <th scope="row" className="code">
                    {en === fr ? en : `${en} / ${fr}`}
                  </th>
                  <td>{t(`import.columns.${key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('import.rulesHeading')}</h3>
        <ul>
          <li>{t('import.rules.match')}</li>
          <li>{t('import.rules.missions')}</li>
          <li>{t('import.rules.countries')}</li>
          <li>{t('import.rules.idempotent')}</li>
          <li>{t('import.rules.overlap')}</li>
          <li>{t('import.rules.allOrNothing')}</li>
        </ul>
      </section>

      <ImportForm<PastTourReport>
        url="/api/v1/past-tours/import"
        ns="pasttours"
        formName="past-tours"
        headingId="past-tours-send"
        heading={t('import.sendHeading')}
        outcomeId="past-tours-outcome"
        offerDryRun
        renderOutcome={(outcome, headingRef) =>
          outcome.kind === 'report' ? (
            <ImportReportNotice
              ns="pasttours"
              headingId="past-tours-outcome"
              headingRef={headingRef}
              fileName={outcome.fileName}
              dryRun={outcome.report.dryRun}
              counts={[
                ['rows', outcome.report.rows],
                ['created', outcome.report.created],
                ['updated', outcome.report.updated],
                ['unchanged', outcome.report.unchanged],
                ['officersCreated', outcome.report.officersCreated],
              ]}
            />
          ) : (
            <ImportProblems
              headingId="past-tours-outcome"
              headingLevel={2}
              headingRef={headingRef}
              heading={
                outcome.dryRun
                  ? t('import.problems.headingCheck', { name: outcome.fileName })
                  : t('import.problems.heading', { name: outcome.fileName })
              }
              message={outcome.message}
              problems={outcome.problems}
              labels={{
                caption: t('import.problems.caption', {
                  count: outcome.problems.length,
                  total: formatNumber(lang, outcome.problems.length),
                }),
                line: t('import.problems.line'),
                column: t('import.problems.column'),
                message: t('import.problems.message'),
                wholeFile: t('import.problems.wholeFile'),
              }}
            />
          )
        }
      />
    </>
  );
}
