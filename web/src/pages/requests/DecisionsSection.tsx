import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  api,
  outcomes,
  partners,
  type Decision,
  type Outcome,
  type RequestDetail,
} from '../../lib/api.ts';
import { formatDate, formatNumber, todayIso } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { StanceTag } from './PositionsSection.tsx';

/** A decision is in force unless a later one supersedes it. */
export function supersederOf(decision: Decision, all: readonly Decision[]): Decision | undefined {
  return all.find((d) => d.supersedesId === decision.id);
}

export function DecisionsSection({
  request,
  onChanged,
}: {
  request: RequestDetail;
  onChanged(): void;
}) {
  const { t } = useTranslation('requests');
  const auth = useAuth();
  const notice = useSuccessNotice();
  const open = request.status === 'received' || request.status === 'under_review';
  return (
    <section aria-labelledby="request-decisions">
      <h2 id="request-decisions">{t('file.decisions')}</h2>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {request.decisions.length === 0 ? <p>{t('file.noDecision')}</p> : null}
      {request.decisions.map((decision) => (
        <DecisionRecord key={decision.id} decision={decision} all={request.decisions} />
      ))}
      {auth.can('decision.record') && open ? (
        <DecisionForm
          request={request}
          onRecorded={(outcome) => {
            notice.show(t('decision.recorded', { outcome: t(`outcomes.${outcome}`) }));
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function DecisionRecord({ decision, all }: { decision: Decision; all: readonly Decision[] }) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const superseder = supersederOf(decision, all);
  const headingId = `decision-${decision.id}`;
  const rows: Array<[string, string]> = [
    [t('file.outcome'), t(`outcomes.${decision.outcome}`)],
    ...(decision.outcome !== 'declined'
      ? [[t('file.ceiling'), formatNumber(lang, decision.ceiling)] as [string, string]]
      : []),
    ...(decision.conditions
      ? [[t('file.conditions'), decision.conditions] as [string, string]]
      : []),
    ...(decision.fundingNote
      ? [[t('file.fundingNote'), decision.fundingNote] as [string, string]]
      : []),
    [t('file.decidedOn'), formatDate(lang, decision.decidedOn)],
    [t('file.rule'), t(`decision.rules.${decision.rule}`, { defaultValue: decision.rule })],
  ];
  return (
    <article className="record" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('decision.heading', { sequence: decision.sequence })}{' '}
        {superseder ? (
          <span className="tag tag--superseded">
            {t('file.superseded', { sequence: superseder.sequence })}
          </span>
        ) : (
          <span className="tag tag--in-force">{t('file.inForce')}</span>
        )}
      </h3>
      <dl className="details-list">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className="prewrap">{value}</dd>
          </div>
        ))}
      </dl>
      {decision.positions.length > 0 ? (
        <div className="table-wrapper">
          <table className="data-table data-table--compact">
            <caption>{t('decision.positionsCaption', { sequence: decision.sequence })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('positions.columns.partner')}</th>
                <th scope="col">{t('positions.columns.stance')}</th>
                <th scope="col">{t('file.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {decision.positions.map((p) => (
                <tr key={p.partner}>
                  <th scope="row">{t(`partners.${p.partner}`)}</th>
                  <td>
                    <StanceTag stance={p.stance} />
                  </td>
                  <td className="prewrap">
                    {p.reasons}
                    {p.conditions
                      ? `\n${t('decision.positionConditions', { conditions: p.conditions })}`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </article>
  );
}

function DecisionForm({
  request,
  onRecorded,
}: {
  request: RequestDetail;
  onRecorded(outcome: Outcome): void;
}) {
  const { t } = useTranslation('requests');
  const lang = useLang();
  const errors = useFormErrors('decision');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [ceiling, setCeiling] = useState(() =>
    String(request.lines.reduce((sum, l) => sum + l.postCount, 0) || ''),
  );
  const [conditions, setConditions] = useState('');
  const [fundingNote, setFundingNote] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [submitting, setSubmitting] = useState(false);
  const recorded = new Set(request.positions.map((p) => p.partner));
  const missing = partners.filter((p) => !recorded.has(p));

  const labels: Record<string, string> = {
    outcome: t('file.outcome'),
    ceiling: t('decision.ceiling'),
    conditions: t('file.conditions'),
    fundingNote: t('file.fundingNote'),
    decidedOn: t('file.decidedOn'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!outcome) return errors.show({ outcome: t('decision.outcomeRequired') }, null);
    setSubmitting(true);
    try {
      await api('/api/v1/decisions', {
        method: 'POST',
        body: {
          requestId: request.id,
          requestVersion: request.version,
          outcome,
          ...(outcome !== 'declined'
            ? { ceiling: ceiling.trim() === '' ? null : Number(ceiling) }
            : {}),
          ...(outcome === 'approved_with_conditions' ? { conditions } : {}),
          fundingNote: fundingNote.trim() || null,
          decidedOn,
        },
        lang,
      });
      errors.clear();
      onRecorded(outcome);
    } catch (error) {
      errors.fail(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="form-panel">
      <h3 id="record-decision">{t('decision.formHeading')}</h3>
      <p>{t('decision.formIntro')}</p>
      {missing.length > 0 ? (
        <div className="notice">
          <p>
            {t('decision.waitingFor', {
              partners: missing.map((p) => t(`partners.${p}`)).join(', '),
            })}
          </p>
        </div>
      ) : null}
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="record-decision" onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('outcome')}
          legend={t('file.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v as Outcome)}
          options={outcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
          error={errors.error('outcome')}
          required
        />
        {outcome !== 'declined' ? (
          <TextField
            id={errors.idOf('ceiling')}
            label={t('decision.ceiling')}
            hint={t('decision.ceilingHint')}
            type="number"
            min={1}
            max={2000}
            value={ceiling}
            onChange={setCeiling}
            error={errors.error('ceiling')}
            required
            short
          />
        ) : null}
        {outcome === 'approved_with_conditions' ? (
          <TextAreaField
            id={errors.idOf('conditions')}
            label={t('file.conditions')}
            value={conditions}
            onChange={setConditions}
            error={errors.error('conditions')}
            required
          />
        ) : null}
        <TextAreaField
          id={errors.idOf('fundingNote')}
          label={t('file.fundingNote')}
          hint={t('decision.fundingHint')}
          value={fundingNote}
          onChange={setFundingNote}
          error={errors.error('fundingNote')}
          rows={2}
        />
        <TextField
          id={errors.idOf('decidedOn')}
          label={t('file.decidedOn')}
          type="date"
          value={decidedOn}
          onChange={setDecidedOn}
          error={errors.error('decidedOn')}
          required
          short
        />
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t('decision.submitting') : t('decision.submit')}
        </button>
      </form>
    </div>
  );
}
