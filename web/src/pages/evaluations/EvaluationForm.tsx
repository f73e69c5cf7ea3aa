import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { FieldGroup, RadioGroup, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import {
  api,
  evaluationKinds,
  evaluationRatings,
  type Evaluation,
  type EvaluationKind,
  type EvaluationRating,
} from '../../lib/api.ts';
import { useFocusLater, useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';

interface IndicatorDraft {
  key: number;
  name: string;
  value: string;
  target: string;
}

let nextKey = 1;

/** Record a mission evaluation, or edit one (`existing`): the same fields, the same checks. */
export function EvaluationForm({
  existing,
  missionOptions,
  onSaved,
  cancel,
}: {
  existing?: Evaluation;
  /** The missions to choose from, when recording a new evaluation. */
  missionOptions?: ReadonlyArray<{ value: string; label: string }>;
  onSaved(evaluation: Evaluation): void;
  cancel: ReactNode;
}) {
  const { t } = useTranslation('evaluations');
  const lang = useLang();
  const errors = useFormErrors('evaluation');
  const [missionId, setMissionId] = useState(() =>
    missionOptions?.length === 1 ? missionOptions[0]!.value : '',
  );
  const [kind, setKind] = useState<EvaluationKind | ''>(existing?.kind ?? '');
  const [periodStart, setPeriodStart] = useState(existing?.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(existing?.periodEnd ?? '');
  const [rating, setRating] = useState<EvaluationRating | ''>(existing?.rating ?? '');
  const [indicators, setIndicators] = useState<IndicatorDraft[]>(
    () =>
      existing?.indicators.map((i) => ({
        key: nextKey++,
        name: i.name,
        value: i.value,
        target: i.target ?? '',
      })) ?? [],
  );
  const [lessonsLearned, setLessons] = useState(existing?.lessonsLearned ?? '');
  const [recommendations, setRecommendations] = useState(existing?.recommendations ?? '');
  const [submitting, setSubmitting] = useState(false);
  const focusLater = useFocusLater();

  const id = errors.idOf;
  function labelOf(path: string): string | undefined {
    const parts = path.split('.');
    if (parts[0] === 'indicators' && parts.length >= 3)
      return `${t('form.indicatorLegend', { number: Number(parts[1]) + 1 })} – ${t(`form.indicator.${parts[2]}`, { defaultValue: parts[2] })}`;
    const labels: Record<string, string> = {
      missionId: t('fields.mission'),
      kind: t('fields.kind'),
      periodStart: t('fields.periodStart'),
      periodEnd: t('fields.periodEnd'),
      rating: t('fields.rating'),
      lessonsLearned: t('fields.lessonsLearned'),
      recommendations: t('fields.recommendations'),
    };
    return labels[path];
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    if (!existing && !missionId) missing.missionId = t('form.missionRequired');
    if (!kind) missing.kind = t('form.kindRequired');
    if (!rating) missing.rating = t('form.ratingRequired');
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    const fields = {
      kind,
      periodStart: periodStart || undefined,
      periodEnd: periodEnd || undefined,
      rating,
      indicators: indicators.map((i) => ({
        name: i.name,
        value: i.value,
        target: i.target.trim() || null,
      })),
      lessonsLearned,
      recommendations,
    };
    setSubmitting(true);
    try {
      const saved = existing
        ? await api<Evaluation>(`/api/v1/evaluations/${existing.id}`, {
            method: 'PATCH',
            body: { version: existing.version, ...fields },
            lang,
          })
        : await api<Evaluation>('/api/v1/evaluations', {
            method: 'POST',
            body: { missionId, ...fields },
            lang,
          });
      errors.clear();
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {!existing ? (
          <SelectField
            id={id('missionId')}
            label={t('fields.mission')}
            value={missionId}
            onChange={setMissionId}
            options={missionOptions ?? []}
            emptyLabel={t('form.choose')}
            error={errors.error('missionId')}
            required
          />
        ) : null}
        <RadioGroup
          id={id('kind')}
          legend={t('fields.kind')}
          value={kind}
          onChange={(v) => setKind(v as EvaluationKind)}
          options={evaluationKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          error={errors.error('kind')}
          required
        />
        <TextField
          id={id('periodStart')}
          label={t('fields.periodStart')}
          type="date"
          value={periodStart}
          onChange={setPeriodStart}
          error={errors.error('periodStart')}
          required
          short
        />
        <TextField
          id={id('periodEnd')}
          label={t('fields.periodEnd')}
          type="date"
          value={periodEnd}
          onChange={setPeriodEnd}
          error={errors.error('periodEnd')}
          required
          short
        />
        <RadioGroup
          id={id('rating')}
          legend={t('fields.rating')}
          hint={t('form.ratingHint')}
          value={rating}
          onChange={(v) => setRating(v as EvaluationRating)}
          options={evaluationRatings.map((r) => ({ value: r, label: t(`ratings.${r}`) }))}
          error={errors.error('rating')}
          required
        />
        <h2>{t('fields.indicators')}</h2>
        <p>{t('form.indicatorsIntro')}</p>
        {indicators.length === 0 ? <p>{t('form.noIndicators')}</p> : null}
        {indicators.map((indicator, i) => {
          const path = `indicators.${i}`;
          const set = (change: Partial<IndicatorDraft>) =>
            setIndicators((all) =>
              all.map((x) => (x.key === indicator.key ? { ...x, ...change } : x)),
            );
          return (
            <FieldGroup key={indicator.key} legend={t('form.indicatorLegend', { number: i + 1 })}>
              <TextField
                id={id(`${path}.name`)}
                label={t('form.indicator.name')}
                value={indicator.name}
                onChange={(v) => set({ name: v })}
                error={errors.error(`${path}.name`)}
                required
              />
              <div className="form-grid">
                <TextField
                  id={id(`${path}.value`)}
                  label={t('form.indicator.value')}
                  value={indicator.value}
                  onChange={(v) => set({ value: v })}
                  error={errors.error(`${path}.value`)}
                  required
                />
                <TextField
                  id={id(`${path}.target`)}
                  label={t('form.indicator.target')}
                  value={indicator.target}
                  onChange={(v) => set({ target: v })}
                  error={errors.error(`${path}.target`)}
                />
              </div>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setIndicators((all) => all.filter((x) => x.key !== indicator.key));
                  focusLater(id('add-indicator'));
                }}
              >
                {t('form.removeIndicator', { number: i + 1 })}
              </button>
            </FieldGroup>
          );
        })}
        <p>
          <button
            type="button"
            id={id('add-indicator')}
            className="button button--secondary"
            onClick={() => {
              setIndicators((all) => [...all, { key: nextKey++, name: '', value: '', target: '' }]);
              focusLater(id(`indicators.${indicators.length}.name`));
            }}
          >
            {t('form.addIndicator')}
          </button>
        </p>
        <TextAreaField
          id={id('lessonsLearned')}
          label={t('fields.lessonsLearned')}
          value={lessonsLearned}
          onChange={setLessons}
          error={errors.error('lessonsLearned')}
          rows={6}
        />
        <TextAreaField
          id={id('recommendations')}
          label={t('fields.recommendations')}
          value={recommendations}
          onChange={setRecommendations}
          error={errors.error('recommendations')}
          rows={6}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('form.submitting') : existing ? t('form.save') : t('form.create')}
          </button>
          {cancel}
        </div>
      </form>
    </>
  );
}
