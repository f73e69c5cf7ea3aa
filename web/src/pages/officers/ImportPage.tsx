import type { RefObject } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ImportForm, ImportReportNotice } from '../../components/ImportForm.tsx';
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
            <ImportReportNotice
              ns="people"
              headingId="import-outcome"
              headingRef={headingRef}
              fileName={outcome.fileName}
              dryRun={outcome.report.dryRun}
              counts={[
                ['rows', outcome.report.rows],
                ['created', outcome.report.created],
                ['updated', outcome.report.updated],
                ['unchanged', outcome.report.unchanged],
                ['qualificationsAdded', outcome.report.qualificationsAdded],
                ['qualificationsUpdated', outcome.report.qualificationsUpdated],
              ]}
            >
              {!outcome.report.dryRun &&
              auth.can('officer.list') &&
              outcome.report.created + outcome.report.updated > 0 ? (
                <p>
                  <Link to={`/${lang}/officers`}>{t('import.report.toList')}</Link>
                </p>
              ) : null}
            </ImportReportNotice>
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
