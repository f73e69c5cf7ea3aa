import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type OfficerSummary, type Page } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import type { Lang } from '../../lib/lang.ts';
import type {
  Enrolment,
  ResultAnswer,
  SessionDetail,
  SessionEnrolment,
} from '../../lib/training.ts';
import { errorText, personName } from '../calls/parts.tsx';

/** What an enrolment got, in words: a seat, or a place on the waiting list. */
export function enrolledText(
  t: TFunction,
  lang: Lang,
  enrolment: Pick<Enrolment, 'status' | 'waitlistPosition'>,
  name: string | null,
): string {
  const position = formatNumber(lang, enrolment.waitlistPosition ?? 0);
  if (enrolment.status === 'waitlisted')
    return name
      ? t('enrol.waitlistedOther', { name, position })
      : t('enrol.waitlistedOwn', { position });
  return name ? t('enrol.seatOther', { name }) : t('enrol.seatOwn');
}

/** The officer enrols themself (the server knows who they are): a seat or the waiting list. */
export function EnrolSelfButton({
  session,
  onDone,
}: {
  session: SessionDetail;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function enrol() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api<Enrolment>(`/api/v1/sessions/${session.id}/enrolments`, {
        method: 'POST',
        body: {},
        lang,
      });
      setBusy(false);
      onDone(enrolledText(t, lang, created, null));
    } catch (failure) {
      setBusy(false);
      setError(errorText(t, failure));
    }
  }

  return (
    <>
      {error ? (
        <div className="notice notice--danger" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void enrol()}
        >
          {busy ? t('enrol.submitting') : t('enrol.self')}
        </button>
      </div>
    </>
  );
}

/** A coordinator (their agency's officers) or program staff enrol an officer: search, choose. */
export function EnrolOfficerForm({
  session,
  onDone,
}: {
  session: SessionDetail;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const errors = useFormErrors('enrol');
  const id = errors.idOf;
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [officerId, setOfficerId] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const found = useApi<Page<OfficerSummary>>(
    searched !== null ? `/api/v1/officers?q=${encodeURIComponent(searched)}&pageSize=20` : null,
  );
  const officers = found.status === 'ready' ? found.data.items : [];
  const chosen = officers.find((o) => o.id === officerId);
  const labelOf = (path: string) => (path === 'officerId' ? t('enrol.officer') : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!officerId) return errors.show({ officerId: t('enrol.officerRequired') }, null);
    setSubmitting(true);
    try {
      const created = await api<Enrolment>(`/api/v1/sessions/${session.id}/enrolments`, {
        method: 'POST',
        body: { officerId },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onDone(enrolledText(t, lang, created, chosen ? personName(chosen) : ''));
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form
        role="search"
        className="filters"
        aria-labelledby="enrol-search-heading"
        onSubmit={(event) => {
          event.preventDefault();
          setOfficerId('');
          setSearched(query.trim());
        }}
      >
        <h3 id="enrol-search-heading" className="filters__heading">
          {t('enrol.searchHeading')}
        </h3>
        <TextField
          // Until there are officers to choose from, a missing officer links to the search.
          id={officers.length === 0 ? id('officerId') : 'enrol-search'}
          label={t('enrol.search')}
          hint={t('enrol.searchHint')}
          type="search"
          value={query}
          onChange={setQuery}
          error={officers.length === 0 ? errors.error('officerId') : undefined}
        />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            {t('enrol.searchSubmit')}
          </button>
        </div>
      </form>
      <form className="form" noValidate aria-labelledby="session-enrol" onSubmit={onSubmit}>
        {found.status === 'error' ? (
          <LoadError error={found.error} />
        ) : searched === null ? null : found.status === 'loading' ? (
          <Loading />
        ) : officers.length === 0 ? (
          <p role="status">{t('enrol.noMatch', { query: searched })}</p>
        ) : (
          <RadioGroup
            id={id('officerId')}
            legend={t('enrol.officer')}
            hint={
              found.data.total > officers.length
                ? t('enrol.more', { shown: officers.length, total: found.data.total })
                : undefined
            }
            value={officerId}
            onChange={setOfficerId}
            options={officers.map((o) => ({
              value: o.id,
              label: t('enrol.officerOption', { name: personName(o), badge: o.badgeNumber }),
            }))}
            error={errors.error('officerId')}
            required
          />
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting
              ? t('enrol.submitting')
              : chosen
                ? t('enrol.submitWho', { name: personName(chosen) })
                : t('enrol.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Withdraw from the session or its waiting list: a seat given up goes to the next waiting. */
export function WithdrawConfirm({
  enrolment,
  own,
  onDone,
  onCancel,
}: {
  enrolment: SessionEnrolment;
  own: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = personName(enrolment.officer);

  async function withdraw() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api<Enrolment>(`/api/v1/enrolments/${enrolment.id}/withdraw`, {
        method: 'POST',
        body: { version: enrolment.version },
        lang,
      });
      setBusy(false);
      onDone(own ? t('withdraw.doneOwn') : t('withdraw.done', { name }));
    } catch (failure) {
      setBusy(false);
      setError(errorText(t, failure));
    }
  }

  return (
    <>
      {error ? (
        <div className="notice notice--danger" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p>
        {enrolment.status === 'waitlisted'
          ? own
            ? t('withdraw.confirmWaitingOwn')
            : t('withdraw.confirmWaiting', { name })
          : own
            ? t('withdraw.confirmSeatOwn')
            : t('withdraw.confirmSeat', { name })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void withdraw()}
        >
          {busy ? t('withdraw.submitting') : t('withdraw.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </>
  );
}

/** Record attendance and the result; a pass issues the certificate. */
export function ResultForm({
  enrolment,
  passMark,
  onDone,
  onCancel,
}: {
  enrolment: SessionEnrolment;
  /** The course's pass mark; null: pass or fail without a grade. */
  passMark: number | null;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const errors = useFormErrors('result');
  const id = errors.idOf;
  const [attended, setAttended] = useState<'' | 'yes' | 'no'>('');
  const [grade, setGrade] = useState('');
  const [passed, setPassed] = useState<'' | 'yes' | 'no'>('');
  const [submitting, setSubmitting] = useState(false);
  const name = personName(enrolment.officer);
  const labels: Record<string, string> = {
    attended: t('result.attended'),
    grade: t('result.grade'),
    passed: t('result.passed'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!attended) problems.attended = t('result.attendedRequired');
    if (attended === 'yes' && passMark !== null && grade.trim() === '')
      problems.grade = t('result.gradeRequired', {
        passMark: formatNumber(lang, passMark),
      });
    if (attended === 'yes' && passMark === null && !passed)
      problems.passed = t('result.passedRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const body = {
      version: enrolment.version,
      attended: attended === 'yes',
      ...(attended === 'yes' && grade.trim() !== '' ? { grade: Number(grade) } : {}),
      ...(attended === 'yes' && passMark === null ? { passed: passed === 'yes' } : {}),
    };
    setSubmitting(true);
    try {
      const answer = await api<ResultAnswer>(`/api/v1/enrolments/${enrolment.id}/result`, {
        method: 'POST',
        body,
        lang,
      });
      errors.clear();
      setSubmitting(false);
      const { certificate } = answer;
      onDone(
        certificate
          ? certificate.expiresOn
            ? t('result.certificate', {
                name,
                issuedOn: formatDate(lang, certificate.issuedOn),
                expiresOn: formatDate(lang, certificate.expiresOn),
              })
            : t('result.certificateNoExpiry', {
                name,
                issuedOn: formatDate(lang, certificate.issuedOn),
              })
          : t(`result.recorded.${answer.enrolment.status}`, { name }),
      );
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="enrolment-panel" onSubmit={onSubmit}>
        <RadioGroup
          id={id('attended')}
          legend={labels.attended!}
          value={attended}
          onChange={(v) => setAttended(v as 'yes' | 'no')}
          options={[
            { value: 'yes', label: t('result.attendedYes') },
            { value: 'no', label: t('result.attendedNo') },
          ]}
          error={errors.error('attended')}
          required
        />
        {attended === 'yes' ? (
          <TextField
            id={id('grade')}
            label={labels.grade!}
            hint={
              passMark === null
                ? t('result.gradeHintNoMark')
                : t('result.gradeHint', { passMark: formatNumber(lang, passMark) })
            }
            type="number"
            min={0}
            max={100}
            value={grade}
            onChange={setGrade}
            error={errors.error('grade')}
            required={passMark !== null}
            short
          />
        ) : null}
        {attended === 'yes' && passMark === null ? (
          <RadioGroup
            id={id('passed')}
            legend={labels.passed!}
            value={passed}
            onChange={(v) => setPassed(v as 'yes' | 'no')}
            options={[
              { value: 'yes', label: t('result.passedYes') },
              { value: 'no', label: t('result.passedNo') },
            ]}
            error={errors.error('passed')}
            required
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('result.submitting') : t('result.submit', { name })}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
