import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, type OfficerSummary, type Page } from '../../lib/api.ts';
import {
  preferenceOrder,
  repeatedChoices,
  withFieldPaths,
  type ApplicationDetail,
  type CallDetail,
  type CallPost,
} from '../../lib/calls.ts';
import { nameIn } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import { personName, tourText } from './parts.tsx';

/** Most posts an application may name (the server's limit). */
const MAX_CHOICES = 10;

/**
 * Apply to a call (an officer, for themself) or nominate an officer of the agency (a
 * coordinator): the posts in order of preference and a statement of interest.
 */
export function ApplyForm({ call, mode }: { call: CallDetail; mode: 'apply' | 'nominate' }) {
  const { t } = useTranslation('calls');
  const lang = useLang();
  const navigate = useNavigate();
  const errors = useFormErrors(mode);
  const id = errors.idOf;
  const count = Math.min(call.posts.length, MAX_CHOICES);
  const [choices, setChoices] = useState<string[]>(() => Array.from({ length: count }, () => ''));
  const [statement, setStatement] = useState('');
  const [officerId, setOfficerId] = useState('');
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const found = useApi<Page<OfficerSummary>>(
    mode === 'nominate' && searched !== null
      ? `/api/v1/officers?q=${encodeURIComponent(searched)}&pageSize=20`
      : null,
  );
  const officers = found.status === 'ready' ? found.data.items : [];
  const chosenOfficer = officers.find((o) => o.id === officerId);

  const postLabel = (p: CallPost) =>
    t('apply.postOption', {
      reference: p.reference,
      type: (lang === 'fr' ? p.postTypeNameFr : p.postTypeNameEn) ?? p.postTypeCode,
      location:
        p.locationNameEn && p.locationNameFr
          ? nameIn(lang, { nameEn: p.locationNameEn, nameFr: p.locationNameFr })
          : t('anyLocation'),
      tour: tourText(t, lang, p.tourStart, p.tourEnd),
    });
  const choiceLabel = (i: number) => t(`apply.choice.${i + 1}`);
  const labelOf = (path: string): string | undefined => {
    if (path === 'officerId') return t('nominate.officer');
    if (path === 'statement') return t('apply.statement');
    if (path === 'postIds') return choiceLabel(0);
    const choice = /^choice\.(\d+)$/.exec(path);
    return choice ? choiceLabel(Number(choice[1])) : undefined;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: Record<string, string> = {};
    if (mode === 'nominate' && !officerId) problems.officerId = t('nominate.officerRequired');
    if (!choices[0]) problems['choice.0'] = t('apply.firstRequired');
    for (const i of repeatedChoices(choices)) problems[`choice.${i}`] = t('apply.repeated');
    if (Object.keys(problems).length > 0) return errors.show(problems, null);
    const { postIds, from } = preferenceOrder(choices);
    setSubmitting(true);
    try {
      const created = await api<ApplicationDetail>('/api/v1/applications', {
        method: 'POST',
        body: {
          callId: call.id,
          postIds,
          ...(mode === 'nominate' ? { officerId } : {}),
          ...(statement.trim() ? { statement: statement.trim() } : {}),
        },
        lang,
      });
      void navigate(`/${lang}/applications/${created.id}`, {
        state:
          mode === 'nominate'
            ? { nominated: personName(created.officer), call: call.number }
            : { applied: call.number },
      });
    } catch (error) {
      setSubmitting(false);
      errors.fail(
        withFieldPaths(error, (path) => {
          const post = /^postIds\.(\d+)$/.exec(path);
          return post ? `choice.${from[Number(post[1])] ?? 0}` : path;
        }),
      );
    }
  }

  const options = call.posts.map((p) => ({ value: p.id, label: postLabel(p) }));
  const officerField =
    mode === 'nominate' ? (
      found.status === 'error' ? (
        <LoadError error={found.error} />
      ) : searched === null ? null : found.status === 'loading' ? (
        <Loading />
      ) : officers.length === 0 ? (
        <p role="status">{t('nominate.noMatch', { query: searched })}</p>
      ) : (
        <RadioGroup
          id={id('officerId')}
          legend={t('nominate.officer')}
          hint={
            found.data.total > officers.length
              ? t('nominate.more', { shown: officers.length, total: found.data.total })
              : undefined
          }
          value={officerId}
          onChange={setOfficerId}
          options={officers.map((o) => ({
            value: o.id,
            label: t('nominate.officerOption', { name: personName(o), badge: o.badgeNumber }),
          }))}
          error={errors.error('officerId')}
          required
        />
      )
    ) : null;

  return (
    <>
      <ErrorSummary focusKey={errors.shown} items={errors.items(labelOf)} />
      {mode === 'nominate' ? (
        <form
          role="search"
          className="filters"
          aria-labelledby={`${mode}-search-heading`}
          onSubmit={(event) => {
            event.preventDefault();
            setOfficerId('');
            setSearched(query.trim());
          }}
        >
          <h3 id={`${mode}-search-heading`} className="filters__heading">
            {t('nominate.searchHeading')}
          </h3>
          <TextField
            // Until there are officers to choose from, a missing officer links to the search.
            id={officers.length === 0 ? id('officerId') : `${mode}-search`}
            label={t('nominate.search')}
            hint={t('nominate.searchHint')}
            type="search"
            value={query}
            onChange={setQuery}
            error={officers.length === 0 ? errors.error('officerId') : undefined}
          />
          <div className="button-row">
            <button type="submit" className="button button--secondary">
              {t('nominate.searchSubmit')}
            </button>
          </div>
        </form>
      ) : null}
      <form className="form" noValidate aria-labelledby={`call-${mode}`} onSubmit={onSubmit}>
        {officerField}
        <fieldset className="fieldset group">
          <legend className="group__legend">{t('apply.choicesLegend')}</legend>
          <p className="field__hint">
            {count > 1 ? t('apply.choicesHint', { count }) : t('apply.choicesHintOne')}
          </p>
          {choices.map((value, i) => (
            <SelectField
              key={i}
              id={id(`choice.${i}`)}
              label={choiceLabel(i)}
              value={value}
              onChange={(v) => setChoices((all) => all.map((x, j) => (j === i ? v : x)))}
              options={options}
              emptyLabel={i === 0 ? t('apply.choose') : t('apply.noChoice')}
              error={errors.error(`choice.${i}`)}
              required={i === 0}
            />
          ))}
        </fieldset>
        <TextAreaField
          id={id('statement')}
          label={t('apply.statement')}
          hint={mode === 'nominate' ? t('nominate.statementHint') : t('apply.statementHint')}
          value={statement}
          onChange={setStatement}
          error={errors.error('statement')}
          rows={5}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting
              ? t('apply.submitting')
              : mode === 'nominate'
                ? chosenOfficer
                  ? t('nominate.submitWho', { name: personName(chosenOfficer) })
                  : t('nominate.submit')
                : t('apply.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
