import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, SelectField, type Option } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api, genders, type Officer, type Rank } from '../../lib/api.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import { useCodeList } from '../../lib/reference.ts';

interface Draft {
  agencyId: string;
  badgeNumber: string;
  givenName: string;
  familyName: string;
  gender: string;
  dateOfBirth: string;
  rankCode: string;
  agencyRankTitle: string;
  serviceStart: string;
  email: string;
  phone: string;
  preferredLanguage: string;
}

const required = [
  'agencyId',
  'badgeNumber',
  'givenName',
  'familyName',
  'gender',
  'rankCode',
  'serviceStart',
] as const;

/**
 * Register an officer, or correct one's identity and service data (`existing`): the same fields,
 * the same checks. The date of birth is offered only to those who may see it.
 */
export function OfficerForm({
  existing,
  agencyOptions = [],
  onSaved,
  cancel,
}: {
  existing?: Officer;
  /** The agencies to choose from, when registering an officer. */
  agencyOptions?: readonly Option[];
  onSaved(officer: Officer): void;
  cancel: ReactNode;
}) {
  const { t } = useTranslation('people');
  const lang = useLang();
  const errors = useFormErrors('officer');
  const ranks = useCodeList<Rank>('ranks', false);
  const [draft, setDraft] = useState<Draft>(() => ({
    agencyId: existing?.agencyId ?? (agencyOptions.length === 1 ? agencyOptions[0]!.value : ''),
    badgeNumber: existing?.badgeNumber ?? '',
    givenName: existing?.givenName ?? '',
    familyName: existing?.familyName ?? '',
    gender: existing?.gender ?? '',
    dateOfBirth: existing?.dateOfBirth ?? '',
    rankCode: existing?.rankCode ?? '',
    agencyRankTitle: existing?.agencyRankTitle ?? '',
    serviceStart: existing?.serviceStart ?? '',
    email: existing?.email ?? '',
    phone: existing?.phone ?? '',
    preferredLanguage: existing?.preferredLanguage ?? lang,
  }));
  const [submitting, setSubmitting] = useState(false);
  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  // Registering: the date of birth may be given (and is then visible to program staff only).
  // Correcting: only by those who can see it, so that nobody overwrites what they cannot see.
  const showDateOfBirth = !existing || existing.sensitiveVisible;
  const id = errors.idOf;

  const labels: Record<string, string> = {
    agencyId: t('fields.agency'),
    badgeNumber: t('fields.badgeNumber'),
    givenName: t('fields.givenName'),
    familyName: t('fields.familyName'),
    gender: t('fields.gender'),
    dateOfBirth: t('fields.dateOfBirth'),
    rankCode: t('fields.rank'),
    agencyRankTitle: t('fields.agencyRankTitle'),
    serviceStart: t('fields.serviceStart'),
    email: t('fields.email'),
    phone: t('fields.phone'),
    preferredLanguage: t('fields.preferredLanguage'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string> = {};
    for (const name of required) {
      if (name === 'agencyId' && existing) continue;
      if (!draft[name].trim()) missing[name] = t('form.required', { field: labels[name] });
    }
    if (Object.keys(missing).length > 0) return errors.show(missing, null);
    const optional = (value: string) => value.trim() || null;
    const fields = {
      badgeNumber: draft.badgeNumber.trim(),
      givenName: draft.givenName.trim(),
      familyName: draft.familyName.trim(),
      gender: draft.gender,
      rankCode: draft.rankCode,
      agencyRankTitle: optional(draft.agencyRankTitle),
      serviceStart: draft.serviceStart,
      email: optional(draft.email),
      phone: optional(draft.phone),
      preferredLanguage: draft.preferredLanguage,
      ...(showDateOfBirth && (existing || draft.dateOfBirth)
        ? { dateOfBirth: optional(draft.dateOfBirth) }
        : {}),
    };
    setSubmitting(true);
    try {
      const saved = existing
        ? await api<Officer>(`/api/v1/officers/${existing.id}`, {
            method: 'PATCH',
            body: { version: existing.version, ...fields },
            lang,
          })
        : await api<Officer>('/api/v1/officers', {
            method: 'POST',
            body: { agencyId: draft.agencyId, ...fields },
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
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate onSubmit={onSubmit}>
        {!existing ? (
          <SelectField
            id={id('agencyId')}
            label={labels.agencyId!}
            value={draft.agencyId}
            onChange={set('agencyId')}
            options={agencyOptions}
            emptyLabel={t('form.choose')}
            error={errors.error('agencyId')}
            required
          />
        ) : null}
        <TextField
          id={id('badgeNumber')}
          label={labels.badgeNumber!}
          hint={t('form.badgeHint')}
          value={draft.badgeNumber}
          onChange={set('badgeNumber')}
          error={errors.error('badgeNumber')}
          required
          short
        />
        <div className="form-grid">
          <TextField
            id={id('givenName')}
            label={labels.givenName!}
            value={draft.givenName}
            onChange={set('givenName')}
            error={errors.error('givenName')}
            autoComplete="off"
            required
          />
          <TextField
            id={id('familyName')}
            label={labels.familyName!}
            value={draft.familyName}
            onChange={set('familyName')}
            error={errors.error('familyName')}
            autoComplete="off"
            required
          />
        </div>
        <RadioGroup
          id={id('gender')}
          legend={labels.gender!}
          value={draft.gender}
          onChange={set('gender')}
          options={genders.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
          error={errors.error('gender')}
          required
        />
        {showDateOfBirth ? (
          <TextField
            id={id('dateOfBirth')}
            label={labels.dateOfBirth!}
            hint={t('form.dateOfBirthHint')}
            type="date"
            value={draft.dateOfBirth}
            onChange={set('dateOfBirth')}
            error={errors.error('dateOfBirth')}
            short
          />
        ) : (
          <p className="help">{t('form.dateOfBirthNotShown')}</p>
        )}
        <SelectField
          id={id('rankCode')}
          label={labels.rankCode!}
          hint={t('form.rankHint')}
          value={draft.rankCode}
          onChange={set('rankCode')}
          options={ranks.options}
          emptyLabel={t('form.choose')}
          error={errors.error('rankCode')}
          required
        />
        <TextField
          id={id('agencyRankTitle')}
          label={labels.agencyRankTitle!}
          hint={t('form.agencyRankTitleHint')}
          value={draft.agencyRankTitle}
          onChange={set('agencyRankTitle')}
          error={errors.error('agencyRankTitle')}
        />
        <TextField
          id={id('serviceStart')}
          label={labels.serviceStart!}
          hint={t('form.serviceStartHint')}
          type="date"
          value={draft.serviceStart}
          onChange={set('serviceStart')}
          error={errors.error('serviceStart')}
          required
          short
        />
        <div className="form-grid">
          <TextField
            id={id('email')}
            label={labels.email!}
            type="email"
            value={draft.email}
            onChange={set('email')}
            error={errors.error('email')}
            autoComplete="off"
          />
          <TextField
            id={id('phone')}
            label={labels.phone!}
            value={draft.phone}
            onChange={set('phone')}
            error={errors.error('phone')}
            autoComplete="off"
          />
        </div>
        <RadioGroup
          id={id('preferredLanguage')}
          legend={labels.preferredLanguage!}
          value={draft.preferredLanguage}
          onChange={set('preferredLanguage')}
          options={(['en', 'fr'] as const).map((l) => ({
            value: l,
            label: t(`reference:languages.${l}`),
          }))}
          error={errors.error('preferredLanguage')}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t('form.saving') : existing ? t('form.save') : t('form.register')}
          </button>
          {cancel}
        </div>
      </form>
    </>
  );
}
