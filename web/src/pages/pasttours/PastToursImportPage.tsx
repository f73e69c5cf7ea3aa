import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { ImportProblems } from '../../components/ImportProblems.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ApiError, api, type FieldError, type Progress } from '../../lib/api.ts';
import { formatFileSize, formatNumber } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang, usePageTitle } from '../../lib/hooks.ts';
import { asImportFile } from '../../lib/people.ts';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';

/** The largest file the server accepts (IMPORT_MAX_BYTES, 20 MB by default). */
const maxBytes = 20 * 1024 * 1024;

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

type Outcome =
  | { kind: 'report'; report: PastTourReport; fileName: string }
  | { kind: 'invalid'; message: string; problems: FieldError[]; fileName: string; dryRun: boolean };

export function PastToursImportPage() {
  const auth = useAuth();
  if (!auth.can('pastTour.import')) return <NotFoundPage />;
  return <ImportPastTours />;
}

function ImportPastTours() {
  const { t } = useTranslation('pasttours');
  const lang = useLang();
  usePageTitle(t('import.title'));
  const errors = useFormErrors('past-tours');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<null | 'check' | 'import'>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [outcomeShown, setOutcomeShown] = useState(0);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (outcomeShown > 0) outcomeHeading.current?.focus();
  }, [outcomeShown]);
  const fieldId = errors.idOf('file');

  async function send(dryRun: boolean) {
    if (busy) return;
    if (!file) return errors.show({ file: t('import.fileRequired') }, null);
    if (file.size > maxBytes)
      return errors.show(
        { file: t('import.fileTooLarge', { size: formatFileSize(lang, maxBytes) }) },
        null,
      );
    errors.clear();
    setOutcome(null);
    setBusy(dryRun ? 'check' : 'import');
    try {
      const report = await api<PastTourReport>(
        `/api/v1/past-tours/import${dryRun ? '?dryRun=true' : ''}`,
        { method: 'POST', file: asImportFile(file), lang, onProgress: setProgress },
      );
      setOutcome({ kind: 'report', report, fileName: file.name });
      setOutcomeShown((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'import_invalid') {
        setOutcome({
          kind: 'invalid',
          message: error.message,
          problems: error.fields,
          fileName: file.name,
          dryRun,
        });
        setOutcomeShown((n) => n + 1);
      } else {
        errors.fail(error);
      }
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void send(submitter?.getAttribute('value') !== 'import');
  }

  const fileError = errors.error('file');

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

      <section aria-labelledby="past-tours-send">
        <h2 id="past-tours-send">{t('import.sendHeading')}</h2>
        <ErrorSummary
          focusKey={errors.shown}
          items={errors.items((path) => (path === 'file' ? t('import.file') : undefined))}
        />
        <form className="form" noValidate aria-labelledby="past-tours-send" onSubmit={onSubmit}>
          <div className={fileError ? 'field field--error' : 'field'}>
            <label htmlFor={fieldId} className="field__label">
              {t('import.file')}
            </label>
            <p id={`${fieldId}-hint`} className="field__hint">
              {t('import.fileHint', { size: formatFileSize(lang, maxBytes) })}
            </p>
            {fileError ? (
              <p id={`${fieldId}-error`} className="field__error">
                {fileError}
              </p>
            ) : null}
            <input
              id={fieldId}
              name="file"
              type="file"
              className="field__file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${fieldId}-hint${fileError ? ` ${fieldId}-error` : ''}`}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </div>
          <div className="button-row">
            <button
              type="submit"
              name="action"
              value="check"
              className="button button--secondary"
              aria-disabled={busy !== null}
            >
              {t('import.check')}
            </button>
            <button
              type="submit"
              name="action"
              value="import"
              className="button button--primary"
              aria-disabled={busy !== null}
            >
              {t('import.submit')}
            </button>
          </div>
          <p className="help">{t('import.checkHint')}</p>
        </form>
        {/* Always on the page, so that what it says is announced. */}
        <div role="status" className="busy-status" aria-live="polite">
          {busy ? (
            <p className="busy-status__message">
              <span className="busy-status__spinner" aria-hidden="true" />
              {busy === 'check'
                ? t('import.checking', { name: file?.name ?? '' })
                : t('import.importing', { name: file?.name ?? '' })}
            </p>
          ) : null}
          {busy && progress ? (
            <p className="import-progress">
              <span>
                {t(`import.phase.${progress.phase}`, {
                  count: progress.total,
                  total: formatNumber(lang, progress.total),
                })}
              </span>
              <progress
                max={progress.total || 1}
                value={progress.phase === 'checking' ? undefined : progress.done}
                aria-label={t('import.progressLabel')}
                aria-valuetext={t('import.progressValue', {
                  done: formatNumber(lang, progress.done),
                  total: formatNumber(lang, progress.total),
                })}
              />
            </p>
          ) : null}
        </div>
      </section>

      {outcome ? (
        <section aria-labelledby="past-tours-outcome">
          {outcome.kind === 'report' ? (
            <Report
              report={outcome.report}
              fileName={outcome.fileName}
              headingRef={outcomeHeading}
            />
          ) : (
            <ImportProblems
              headingId="past-tours-outcome"
              headingLevel={2}
              headingRef={outcomeHeading}
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
          )}
        </section>
      ) : null}
    </>
  );
}

function Report({
  report,
  fileName,
  headingRef,
}: {
  report: PastTourReport;
  fileName: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('pasttours');
  const lang = useLang();
  const rows: Array<[string, number]> = [
    [t('import.report.rows'), report.rows],
    [t('import.report.created'), report.created],
    [t('import.report.updated'), report.updated],
    [t('import.report.unchanged'), report.unchanged],
    [t('import.report.officersCreated'), report.officersCreated],
  ];
  return (
    <div className={report.dryRun ? 'notice' : 'notice notice--success'}>
      <h2 id="past-tours-outcome" className="notice__title" tabIndex={-1} ref={headingRef}>
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
    </div>
  );
}
