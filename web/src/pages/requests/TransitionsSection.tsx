import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { api, type RequestDetail, type RequestStatus } from '../../lib/api.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';

type Step = 'review' | 'withdraw' | 'reconsider';

/** The steps a request can take from where it stands (the server checks them again). */
const stepsFrom: Record<RequestStatus, Step[]> = {
  received: ['review', 'withdraw'],
  under_review: ['withdraw'],
  decided: ['reconsider'],
  withdrawn: [],
};
const needsReason = (step: Step | '') => step === 'withdraw' || step === 'reconsider';

/** Put a request under review, withdraw it, or reopen a decided one for reconsideration. */
export function TransitionsSection({
  request,
  onChanged,
}: {
  request: RequestDetail;
  onChanged(): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const auth = useAuth();
  const errors = useFormErrors('transition');
  const notice = useSuccessNotice();
  const [step, setStep] = useState<Step | ''>('');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const steps = stepsFrom[request.status];
  if (!auth.can('request.move')) return null;

  const labels: Record<string, string> = {
    step: t('transitions.step'),
    reason: t('transitions.reason'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    notice.hide();
    if (!step) return errors.show({ step: t('transitions.stepRequired') }, null);
    setSubmitting(true);
    try {
      await api(`/api/v1/requests/${request.id}/transitions`, {
        method: 'POST',
        body: { step, version: request.version, ...(needsReason(step) ? { reason } : {}) },
        lang,
      });
      errors.clear();
      notice.show(t(`transitions.done.${step}`));
      setStep('');
      setReason('');
      onChanged();
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section aria-labelledby="request-transitions">
      <h2 id="request-transitions">{t('transitions.heading')}</h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {steps.length === 0 ? (
        <p>{t('transitions.none')}</p>
      ) : (
        <>
          <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
          <form className="form" noValidate onSubmit={onSubmit}>
            <RadioGroup
              id={errors.idOf('step')}
              legend={t('transitions.step')}
              value={step}
              onChange={(v) => setStep(v as Step)}
              options={steps.map((s) => ({ value: s, label: t(`transitions.steps.${s}`) }))}
              error={errors.error('step')}
              required
            />
            {needsReason(step) ? (
              <TextAreaField
                id={errors.idOf('reason')}
                label={t('transitions.reason')}
                hint={t(`transitions.reasonHint.${step}`)}
                value={reason}
                onChange={setReason}
                error={errors.error('reason')}
                required
              />
            ) : null}
            <button type="submit" className="button button--secondary" aria-disabled={submitting}>
              {submitting ? t('transitions.submitting') : t('transitions.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
