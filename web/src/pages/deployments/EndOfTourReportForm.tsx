import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import {
  tourReportParts,
  type EndOfTourReportAnswer,
  type TourReportPart,
} from '../../lib/training.ts';

type Draft = Record<TourReportPart, string>;
const empty: Draft = Object.fromEntries(tourReportParts.map((p) => [p, ''])) as Draft;
/** Submitting needs these (the server says so too). */
const required: readonly TourReportPart[] = ['achievements', 'challenges', 'recommendations'];

/**
 * The officer's end-of-tour report for one deployment: the officer writes it (saved as a draft,
 * then submitted, final) once out of theatre; program staff and the mission's commander read it.
 * Whether the caller may write comes from the server (`editable`). Self-contained: it loads the
 * report itself, so it can sit on the deployment page and on the officer's own pages.
 */
export function EndOfTourReportForm({
  deploymentId,
  onSaved,
  headingLevel = 2,
}: {
  deploymentId: string;
  /** Called after each save (draft or submission), e.g. to reload the page around it. */
  onSaved?: (submitted: boolean) => void;
  /** The level of the section's heading on the page that holds it. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('tour');
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const loaded = useApi<EndOfTourReportAnswer>(
    `/api/v1/deployments/${deploymentId}/end-of-tour-report`,
    refresh,
  );
  const notice = useSuccessNotice();
  const data = loaded.status === 'ready' ? loaded.data : null;
  const report = data?.report ?? null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `tour-report-heading-${deploymentId.slice(0, 8)}`;
  const labels = Object.fromEntries(
    tourReportParts.map((p) => [p, t(`report.parts.${p}`)]),
  ) as Record<string, string>;

  if (loaded.status === 'error' && loaded.error instanceof ApiError && loaded.error.status === 403)
    return null;
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{t('report.heading')}</Heading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {!data ? (
        loaded.status === 'error' ? (
          <LoadError error={loaded.error} />
        ) : (
          <Loading />
        )
      ) : data.editable ? (
        <ReportEditor
          key={report?.version ?? 0}
          deploymentId={deploymentId}
          report={report}
          headingId={headingId}
          labels={labels}
          onSaved={(submitted) => {
            notice.show(submitted ? t('report.submitted') : t('report.saved'));
            setRefresh((n) => n + 1);
            onSaved?.(submitted);
          }}
          onStale={() => setRefresh((n) => n + 1)}
        />
      ) : report ? (
        <>
          <p>
            {report.status === 'submitted' && report.submittedAt
              ? t('report.submittedOn', { at: formatDateTime(lang, report.submittedAt) })
              : t('report.isDraft')}
          </p>
          <dl className="details-list">
            {tourReportParts.map((part) => (
              <div key={part}>
                <dt>{labels[part]}</dt>
                <dd>{report[part] || t('report.empty')}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p>{t('report.notYet')}</p>
      )}
    </section>
  );
}

/** The form itself, started from the report as loaded (remounted after each save). */
function ReportEditor({
  deploymentId,
  report,
  headingId,
  labels,
  onSaved,
  onStale,
}: {
  deploymentId: string;
  report: EndOfTourReportAnswer['report'];
  headingId: string;
  labels: Record<string, string>;
  onSaved(submitted: boolean): void;
  onStale(): void;
}) {
  const { t } = useTranslation('tour');
  const lang = useLang();
  const errors = useFormErrors(`tour-report-${deploymentId.slice(0, 8)}`);
  const [draft, setDraft] = useState<Draft>(() =>
    report ? (Object.fromEntries(tourReportParts.map((p) => [p, report[p]])) as Draft) : empty,
  );
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  async function save(submit: boolean) {
    if (busy) return;
    if (submit) {
      const missing = Object.fromEntries(
        required.filter((p) => !draft[p].trim()).map((p) => [p, t('report.partRequired')]),
      );
      if (Object.keys(missing).length) return errors.show(missing, null);
    }
    setBusy(submit ? 'submit' : 'save');
    try {
      await api<EndOfTourReportAnswer>(`/api/v1/deployments/${deploymentId}/end-of-tour-report`, {
        method: 'PUT',
        body: { version: report?.version ?? 0, ...draft, submit },
        lang,
      });
      setBusy(null);
      errors.clear();
      onSaved(submit);
    } catch (error) {
      setBusy(null);
      errors.fail(error);
      if (error instanceof ApiError && error.status === 409) onStale();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(true);
  }

  return (
    <>
      <p>
        {report
          ? t('report.draftIntro', { at: formatDateTime(lang, report.updatedAt) })
          : t('report.newIntro')}
      </p>
      <ErrorSummary focusKey={errors.shown} items={errors.items((p) => labels[p])} />
      <form className="form" noValidate aria-labelledby={headingId} onSubmit={onSubmit}>
        {tourReportParts.map((part) => (
          <TextAreaField
            key={part}
            id={errors.idOf(part)}
            label={labels[part]!}
            hint={t(`report.hints.${part}`)}
            value={draft[part]}
            onChange={(value) => setDraft((d) => ({ ...d, [part]: value }))}
            error={errors.error(part)}
            required={required.includes(part)}
            rows={part === 'summary' ? 6 : 4}
          />
        ))}
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={busy !== null}
            onClick={() => void save(false)}
          >
            {busy === 'save' ? t('saving') : t('report.saveDraft')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy !== null}>
            {busy === 'submit' ? t('saving') : t('report.submit')}
          </button>
        </div>
        <p className="field__hint">{t('report.submitHint')}</p>
      </form>
    </>
  );
}
