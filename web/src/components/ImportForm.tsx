import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from './ErrorSummary.tsx';
import { ApiError, api, type FieldError, type Progress } from '../lib/api.ts';
import { formatFileSize, formatNumber } from '../lib/format.ts';
import { useFormErrors } from '../lib/forms.ts';
import { useLang } from '../lib/hooks.ts';
import { asImportFile } from '../lib/people.ts';

/** The largest file the server accepts (IMPORT_MAX_BYTES, 20 MB by default). */
export const importMaxBytes = 20 * 1024 * 1024;

/** What an import answered: its report, or every problem by line and column (nothing imported). */
export type ImportOutcome<Report> =
  | { kind: 'report'; report: Report; fileName: string }
  | { kind: 'invalid'; message: string; problems: FieldError[]; fileName: string; dryRun: boolean };

/**
 * The upload form of every import (officers, past tours, UN contributions): the file field with its
 * checks, "check" (a dry run) and "import" buttons, the progress the server streams, and the outcome
 * in its own section, whose heading takes the focus. The page says what the file holds and how its
 * report reads; the strings are the `import.*` keys of the page's namespace.
 */
export function ImportForm<Report>({
  url,
  ns,
  formName,
  headingId,
  heading,
  outcomeId,
  children,
  offerDryRun,
  showWrittenCount = false,
  onImported,
  renderOutcome,
}: {
  /** The import route (`/api/v1/officers/import`); a dry run adds `?dryRun=true`. */
  url: string;
  /** The translation namespace holding the form's `import.*` strings. */
  ns: string;
  /** The form's name for its error summary and field ids. */
  formName: string;
  headingId: string;
  heading: string;
  /** The id of the outcome's heading (rendered by `renderOutcome`). */
  outcomeId: string;
  /** Shown under the heading, before the form. */
  children?: ReactNode;
  /** Offer "check" (a dry run) beside "import". */
  offerDryRun: boolean;
  /** Show the count of rows written beside the bar (long imports). */
  showWrittenCount?: boolean;
  onImported?: (report: Report) => void;
  renderOutcome: (
    outcome: ImportOutcome<Report>,
    headingRef: RefObject<HTMLHeadingElement | null>,
  ) => ReactNode;
}) {
  const { t } = useTranslation(ns);
  const lang = useLang();
  const errors = useFormErrors(formName);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<null | 'check' | 'import'>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome<Report> | null>(null);
  const [outcomeShown, setOutcomeShown] = useState(0);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (outcomeShown > 0) outcomeHeading.current?.focus();
  }, [outcomeShown]);
  const fieldId = errors.idOf('file');

  async function send(dryRun: boolean) {
    if (busy) return;
    if (!file) return errors.show({ file: t('import.fileRequired') }, null);
    if (file.size > importMaxBytes)
      return errors.show(
        { file: t('import.fileTooLarge', { size: formatFileSize(lang, importMaxBytes) }) },
        null,
      );
    errors.clear();
    setOutcome(null);
    setBusy(dryRun ? 'check' : 'import');
    try {
      const report = await api<Report>(`${url}${dryRun ? '?dryRun=true' : ''}`, {
        method: 'POST',
        file: asImportFile(file),
        lang,
        onProgress: setProgress,
      });
      setOutcome({ kind: 'report', report, fileName: file.name });
      setOutcomeShown((n) => n + 1);
      if (!dryRun) onImported?.(report);
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
    void send(offerDryRun && submitter?.getAttribute('value') !== 'import');
  }

  const fileError = errors.error('file');
  const counts = (p: Progress) => ({
    done: formatNumber(lang, p.done),
    total: formatNumber(lang, p.total),
  });

  return (
    <>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>{heading}</h2>
        {children}
        <ErrorSummary
          focusKey={errors.shown}
          items={errors.items((path) => (path === 'file' ? t('import.file') : undefined))}
        />
        <form className="form" noValidate aria-labelledby={headingId} onSubmit={onSubmit}>
          <div className={fileError ? 'field field--error' : 'field'}>
            <label htmlFor={fieldId} className="field__label">
              {t('import.file')}
            </label>
            <p id={`${fieldId}-hint`} className="field__hint">
              {t('import.fileHint', { size: formatFileSize(lang, importMaxBytes) })}
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
            {offerDryRun ? (
              <button
                type="submit"
                name="action"
                value="check"
                className="button button--secondary"
                aria-disabled={busy !== null}
              >
                {t('import.check')}
              </button>
            ) : null}
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
          {offerDryRun ? <p className="help">{t('import.checkHint')}</p> : null}
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
              {/* Announced once per phase; the bar and its count follow each step. */}
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
                aria-valuetext={t('import.progressValue', counts(progress))}
              />
              {showWrittenCount ? (
                <span aria-hidden="true">
                  {progress.phase === 'writing'
                    ? t('import.progressValue', counts(progress))
                    : null}
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
      </section>
      {outcome ? (
        <section aria-labelledby={outcomeId}>{renderOutcome(outcome, outcomeHeading)}</section>
      ) : null}
    </>
  );
}

/**
 * The report of a dry run or an import: its heading (which takes the focus), what was done with
 * the file, and its counts; the strings are the `import.report.*` keys of the page's namespace.
 */
export function ImportReportNotice({
  ns,
  headingId,
  headingRef,
  fileName,
  dryRun,
  counts,
  children,
}: {
  ns: string;
  headingId: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  fileName: string;
  dryRun: boolean;
  /** Each count with its `import.report.<key>` label, in order. */
  counts: Array<[key: string, value: number]>;
  /** After the counts (a link to what was imported). */
  children?: ReactNode;
}) {
  const { t } = useTranslation(ns);
  const lang = useLang();
  return (
    <div className={dryRun ? 'notice' : 'notice notice--success'}>
      <h2 id={headingId} className="notice__title" tabIndex={-1} ref={headingRef}>
        {dryRun ? t('import.report.checkedHeading') : t('import.report.importedHeading')}
      </h2>
      <p>
        {dryRun
          ? t('import.report.checked', { name: fileName })
          : t('import.report.imported', { name: fileName })}
      </p>
      <table className="data-table data-table--compact report-table">
        <caption>{dryRun ? t('import.report.captionDryRun') : t('import.report.caption')}</caption>
        <tbody>
          {counts.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{t(`import.report.${key}`)}</th>
              <td className="numeric">{formatNumber(lang, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
    </div>
  );
}
