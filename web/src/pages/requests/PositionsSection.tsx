import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import {
  api,
  partners,
  stances,
  type Partner,
  type Position,
  type RequestDetail,
  type Stance,
} from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';

const isOpen = (request: RequestDetail) =>
  request.status === 'received' || request.status === 'under_review';

/** The three partners' positions, and the form for the signed-in partner's own. */
export function PositionsSection({
  request,
  onChanged,
}: {
  request: RequestDetail;
  onChanged(): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const auth = useAuth();
  const me = auth.state.status === 'signedIn' ? auth.state.me.user : null;
  const own = me?.partner && auth.can('position.record') ? me.partner : null;
  const byPartner = new Map(request.positions.map((p) => [p.partner, p]));

  return (
    <section aria-labelledby="request-positions">
      <h2 id="request-positions">{t('file.positions')}</h2>
      <p>{t('positions.intro')}</p>
      <div className="table-wrapper">
        <table className="data-table">
          <caption>{t('positions.caption', { number: request.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('positions.columns.partner')}</th>
              <th scope="col">{t('positions.columns.stance')}</th>
              <th scope="col">{t('file.reasons')}</th>
              <th scope="col">{t('file.conditions')}</th>
              <th scope="col">{t('positions.columns.recorded')}</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((partner) => {
              const position = byPartner.get(partner);
              return (
                <tr key={partner}>
                  <th scope="row">{t(`partners.${partner}`)}</th>
                  <td>
                    {position ? (
                      <StanceTag stance={position.stance} />
                    ) : (
                      <span className="tag tag--pending">{t('positions.awaited')}</span>
                    )}
                  </td>
                  <td className="prewrap">{position?.reasons ?? '—'}</td>
                  <td className="prewrap">{position?.conditions ?? '—'}</td>
                  <td>{position ? formatDateTime(lang, position.recordedAt) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {own && isOpen(request) ? (
        <PositionForm
          key={own}
          request={request}
          partner={own}
          current={byPartner.get(own) ?? null}
          onChanged={onChanged}
        />
      ) : null}
      {own && !isOpen(request) ? <p>{t('positions.closed')}</p> : null}
    </section>
  );
}

export function StanceTag({ stance }: { stance: Stance }) {
  const { t } = useTranslation('requests');
  return (
    <span className={`tag tag--${stance.replaceAll('_', '-')}`}>{t(`stances.${stance}`)}</span>
  );
}

function PositionForm({
  request,
  partner,
  current,
  onChanged,
}: {
  request: RequestDetail;
  partner: Partner;
  current: Position | null;
  onChanged(): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const errors = useFormErrors('position');
  const notice = useSuccessNotice();
  const [stance, setStance] = useState<Stance | ''>(current?.stance ?? '');
  const [reasons, setReasons] = useState(current?.reasons ?? '');
  const [conditions, setConditions] = useState(current?.conditions ?? '');
  const [submitting, setSubmitting] = useState(false);
  const partnerName = t(`partners.${partner}`);

  const labels: Record<string, string> = {
    stance: t('positions.stance'),
    reasons: t('file.reasons'),
    conditions: t('file.conditions'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    notice.hide();
    if (!stance) return errors.show({ stance: t('positions.stanceRequired') }, null);
    setSubmitting(true);
    try {
      await api(`/api/v1/requests/${request.id}/positions`, {
        method: 'PUT',
        body: {
          stance,
          reasons,
          ...(stance === 'support_with_conditions' ? { conditions } : {}),
          ...(current ? { version: current.version } : {}),
        },
        lang,
      });
      errors.clear();
      notice.show(t('positions.recorded', { partner: partnerName }));
      onChanged();
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="form-panel">
      <h3 id="own-position">
        {current
          ? t('positions.changeHeading', { partner: partnerName })
          : t('positions.recordHeading', { partner: partnerName })}
      </h3>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="own-position" onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('stance')}
          legend={t('positions.stance')}
          value={stance}
          onChange={(v) => setStance(v as Stance)}
          options={stances.map((s) => ({ value: s, label: t(`stances.${s}`) }))}
          error={errors.error('stance')}
          required
        />
        <TextAreaField
          id={errors.idOf('reasons')}
          label={t('file.reasons')}
          hint={t('positions.reasonsHint')}
          value={reasons}
          onChange={setReasons}
          error={errors.error('reasons')}
          required
        />
        {stance === 'support_with_conditions' ? (
          <TextAreaField
            id={errors.idOf('conditions')}
            label={t('file.conditions')}
            value={conditions}
            onChange={setConditions}
            error={errors.error('conditions')}
            required
          />
        ) : null}
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting
            ? t('positions.submitting')
            : current
              ? t('positions.change')
              : t('positions.record')}
        </button>
      </form>
    </div>
  );
}
