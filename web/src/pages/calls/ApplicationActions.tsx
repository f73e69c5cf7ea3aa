import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import {
  assessmentKinds,
  competencies,
  type ApplicationDetail,
  type AssessmentKind,
} from '../../lib/calls.ts';
import { todayIso } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { requirementLanguages } from '../../lib/reference.ts';
import { personName } from './parts.tsx';

interface ActionProps {
  application: ApplicationDetail;
  /** The write succeeded: show this message and load the application again. */
  onDone(message: string): void;
}

/** The agency's answer on releasing its officer: endorse, or decline with a reason. */
export function ReleaseForm({ application, onDone }: ActionProps) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const errors = useFormErrors('release');
  const [decision, setDecision] = useState<'' | 'endorse' | 'decline'>('');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const labels: Record<string, string> = {
    decision: t('release.decision'),
    reason: t('release.reason'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!decision) problems.decision = t('release.decisionRequired');
    if (decision === 'decline' && !reason.trim()) problems.reason = t('release.reasonRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    setSubmitting(true);
    try {
      await api(`/api/v1/applications/${application.id}/release`, {
        method: 'POST',
        body: {
          version: application.version,
          decision,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onDone(
        t(decision === 'endorse' ? 'release.endorsed' : 'release.declined', {
          name: personName(application.officer),
        }),
      );
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="application-release" onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('decision')}
          legend={labels.decision!}
          value={decision}
          onChange={(v) => setDecision(v as 'endorse' | 'decline')}
          options={[
            { value: 'endorse', label: t('release.endorse') },
            { value: 'decline', label: t('release.decline') },
          ]}
          error={errors.error('decision')}
          required
        />
        {decision === 'decline' ? (
          <TextAreaField
            id={errors.idOf('reason')}
            label={labels.reason!}
            hint={t('release.reasonHint')}
            value={reason}
            onChange={setReason}
            error={errors.error('reason')}
            required
          />
        ) : null}
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t('release.submitting') : t('release.submit')}
        </button>
      </form>
    </>
  );
}

/** Withdraw an application, with a reason, until the selection is ratified. */
export function WithdrawForm({ application, onDone }: ActionProps) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const errors = useFormErrors('withdraw');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const labels: Record<string, string> = { reason: t('withdraw.reason') };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!reason.trim()) return errors.show({ reason: t('withdraw.reasonRequired') }, null);
    setSubmitting(true);
    try {
      await api(`/api/v1/applications/${application.id}/withdraw`, {
        method: 'POST',
        body: { version: application.version, reason: reason.trim() },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onDone(t('withdraw.done', { number: application.call.number }));
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="application-withdraw" onSubmit={onSubmit}>
        <TextAreaField
          id={errors.idOf('reason')}
          label={labels.reason!}
          hint={t('withdraw.reasonHint')}
          value={reason}
          onChange={setReason}
          error={errors.error('reason')}
          required
          rows={3}
        />
        <button type="submit" className="button button--secondary" aria-disabled={submitting}>
          {submitting ? t('withdraw.submitting') : t('withdraw.submit')}
        </button>
      </form>
    </>
  );
}

interface AssessmentDraft {
  kind: AssessmentKind | '';
  code: string;
  score: string;
  passed: '' | 'true' | 'false';
  assessedOn: string;
  notes: string;
  competencies: Record<string, string>;
}

/** Record a test (language, driving, firearms, UN assessment) or an interview. */
export function AssessmentForm({ application, onDone }: ActionProps) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const errors = useFormErrors('assessment');
  const id = errors.idOf;
  const [draft, setDraft] = useState<AssessmentDraft>(() => ({
    kind: '',
    code: '',
    score: '',
    passed: '',
    assessedOn: todayIso(),
    notes: '',
    competencies: {},
  }));
  const [submitting, setSubmitting] = useState(false);
  const set =
    <K extends keyof AssessmentDraft>(name: K) =>
    (value: AssessmentDraft[K]) =>
      setDraft((d) => ({ ...d, [name]: value }));
  const interview = draft.kind === 'interview';

  const labels: Record<string, string> = {
    kind: t('assessment.kind'),
    code: t('assessment.language'),
    score: t('assessment.score'),
    passed: t('assessment.passed'),
    competencies: t('assessment.competencies'),
    assessedOn: t('assessment.assessedOn'),
    notes: t('assessment.notes'),
  };
  const labelOf = (path: string) => {
    const competency = /^competencies\.(\w+)$/.exec(path);
    return competency
      ? t(`competencies.${competency[1]}`, { defaultValue: competency[1] })
      : labels[path];
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (!draft.kind) problems.kind = t('assessment.kindRequired');
    if (draft.kind === 'language_test' && !draft.code)
      problems.code = t('assessment.languageRequired');
    if (interview && !Object.values(draft.competencies).some(Boolean))
      problems.competencies = t('assessment.competenciesRequired');
    if (!draft.assessedOn) problems.assessedOn = t('assessment.assessedOnRequired');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const scores = Object.fromEntries(
      Object.entries(draft.competencies)
        .filter(([, v]) => v)
        .map(([k, v]) => [k, Number(v)]),
    );
    const body = {
      kind: draft.kind,
      assessedOn: draft.assessedOn,
      ...(draft.kind === 'language_test' ? { code: draft.code } : {}),
      ...(interview ? { competencies: scores } : {}),
      ...(!interview && draft.score.trim() !== '' ? { score: Number(draft.score) } : {}),
      ...(!interview && draft.passed ? { passed: draft.passed === 'true' } : {}),
      ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
    };
    setSubmitting(true);
    try {
      await api(`/api/v1/applications/${application.id}/assessments`, {
        method: 'POST',
        body,
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onDone(t('assessment.recorded', { kind: t(`assessmentKinds.${draft.kind}`) }));
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form className="form" noValidate aria-labelledby="application-assess" onSubmit={onSubmit}>
        <RadioGroup
          id={id('kind')}
          legend={labels.kind!}
          value={draft.kind}
          onChange={(v) => set('kind')(v as AssessmentKind)}
          options={assessmentKinds.map((k) => ({ value: k, label: t(`assessmentKinds.${k}`) }))}
          error={errors.error('kind')}
          required
        />
        {draft.kind === 'language_test' ? (
          <SelectField
            id={id('code')}
            label={labels.code!}
            value={draft.code}
            onChange={set('code')}
            options={requirementLanguages.map((l) => ({
              value: l,
              label: t(`reference:languages.${l}`),
            }))}
            emptyLabel={t('assessment.choose')}
            error={errors.error('code')}
            required
          />
        ) : null}
        {interview ? (
          <fieldset
            className={
              errors.error('competencies') ? 'fieldset group field--error' : 'fieldset group'
            }
            aria-describedby={`${id('competencies')}-hint`}
          >
            <legend className="group__legend">{labels.competencies}</legend>
            <p id={`${id('competencies')}-hint`} className="field__hint">
              {t('assessment.competenciesHint')}
            </p>
            {errors.error('competencies') ? (
              <p className="field__error">{errors.error('competencies')}</p>
            ) : null}
            <div className="form-grid">
              {competencies.map((name, i) => (
                <SelectField
                  key={name}
                  // The group's problem links to its first field.
                  id={i === 0 ? id('competencies') : id(`competencies.${name}`)}
                  label={t(`competencies.${name}`)}
                  value={draft.competencies[name] ?? ''}
                  onChange={(v) =>
                    setDraft((d) => ({ ...d, competencies: { ...d.competencies, [name]: v } }))
                  }
                  options={[1, 2, 3, 4, 5].map((n) => ({
                    value: String(n),
                    label: t(`assessment.levels.${n}`),
                  }))}
                  emptyLabel={t('assessment.notScored')}
                  error={errors.error(`competencies.${name}`)}
                />
              ))}
            </div>
          </fieldset>
        ) : draft.kind ? (
          <div className="form-grid">
            <TextField
              id={id('score')}
              label={labels.score!}
              hint={t('assessment.scoreHint')}
              type="number"
              min={0}
              max={100}
              value={draft.score}
              onChange={set('score')}
              error={errors.error('score')}
              short
            />
            <SelectField
              id={id('passed')}
              label={labels.passed!}
              hint={t('assessment.passedHint')}
              value={draft.passed}
              onChange={(v) => set('passed')(v as AssessmentDraft['passed'])}
              options={[
                { value: 'true', label: t('assessments.passed') },
                { value: 'false', label: t('assessments.failed') },
              ]}
              emptyLabel={t('assessment.passMark')}
              error={errors.error('passed')}
            />
          </div>
        ) : null}
        <TextField
          id={id('assessedOn')}
          label={labels.assessedOn!}
          type="date"
          value={draft.assessedOn}
          onChange={set('assessedOn')}
          error={errors.error('assessedOn')}
          required
          short
        />
        <TextAreaField
          id={id('notes')}
          label={labels.notes!}
          value={draft.notes}
          onChange={set('notes')}
          error={errors.error('notes')}
          rows={3}
        />
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t('assessment.submitting') : t('assessment.submit')}
        </button>
      </form>
    </>
  );
}
