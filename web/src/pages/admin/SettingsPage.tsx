import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { settingFields, settingValueOf, type SettingVersion } from '../../lib/refadmin.ts';

interface Setting {
  key: string;
  current: SettingVersion | null;
  history: SettingVersion[];
}

/** The program settings: each one's value in force, who set it and when, its form and history. */
export function SettingsPage() {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  usePageTitle(t('settings.title'));
  const [refresh, setRefresh] = useState(0);
  const settings = useApi<Setting[]>('/api/v1/settings', refresh);
  const notice = useSuccessNotice();
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <p className="lead">{t('settings.intro')}</p>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {settings.status === 'loading' ? <Loading /> : null}
      {settings.status === 'error' ? <LoadError error={settings.error} /> : null}
      {settings.status === 'ready'
        ? settings.data.map((s) =>
            s.current ? (
              <SettingSection
                key={`${s.key}@${s.current.version}`}
                setting={s as Setting & { current: SettingVersion }}
                onSaved={() => {
                  notice.show(t('settings.saved', { name: t(`settings.keys.${s.key}.title`) }));
                  setRefresh((n) => n + 1);
                }}
              />
            ) : null,
          )
        : null}
      <p className="back-link">
        <Link to={`/${lang}/admin/reference`}>{t('hub.back')}</Link>
      </p>
    </>
  );
}

function SettingSection({
  setting,
  onSaved,
}: {
  setting: Setting & { current: SettingVersion };
  onSaved(): void;
}) {
  const { t } = useTranslation('refadmin');
  const lang = useLang();
  const auth = useAuth();
  const { key, current } = setting;
  const fields = settingFields(current.value);
  const errors = useFormErrors(`setting-${key}`);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.text])),
  );
  const [submitting, setSubmitting] = useState(false);
  const heading = `setting-${key}`;
  const labelOf = (name: string) =>
    name === '' ? t(`settings.keys.${key}.title`) : t(`settings.fields.${name}`);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    try {
      await api(`/api/v1/settings/${key}`, {
        method: 'PUT',
        body: { version: current.version, value: settingValueOf(current.value, values) },
        lang,
      });
      errors.clear();
      setSubmitting(false);
      onSaved();
    } catch (error) {
      setSubmitting(false);
      errors.fail(error);
    }
  }

  const pathToField = (path: string) => {
    const name = path.replace(/^value\.?/, '').split('.')[0] ?? '';
    return fields.some((f) => f.name === name) ? name : null;
  };

  return (
    <section aria-labelledby={heading} className="form-panel">
      <h2 id={heading}>{t(`settings.keys.${key}.title`)}</h2>
      <p>{t(`settings.keys.${key}.description`)}</p>
      <dl className="details-list">
        {fields.map((f) => (
          <div key={f.name}>
            <dt>{labelOf(f.name)}</dt>
            <dd>{f.text}</dd>
          </div>
        ))}
        <div>
          <dt>{t('settings.version')}</dt>
          <dd>{current.version}</dd>
        </div>
        <div>
          <dt>{t('settings.changed')}</dt>
          <dd>
            {t('settings.changedBy', {
              who: current.changedByName ?? t('settings.environment'),
              when: formatDateTime(lang, current.changedAt),
            })}
          </dd>
        </div>
      </dl>
      {auth.can('settings.update') ? (
        <>
          <ErrorSummary
            focusKey={errors.shown}
            items={errors.items((path) => {
              const name = pathToField(path);
              return name === null ? undefined : labelOf(name);
            })}
          />
          <form className="form" noValidate aria-labelledby={heading} onSubmit={onSubmit}>
            {fields.map((f) => (
              <TextField
                key={f.name}
                id={errors.idOf(f.name === '' ? 'value' : f.name)}
                label={labelOf(f.name)}
                type={f.kind === 'steps' ? 'text' : 'number'}
                {...(f.kind === 'steps' ? { hint: t('settings.stepsHint') } : { short: true })}
                value={values[f.name] ?? ''}
                onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
                error={
                  errors.error(f.name === '' ? 'value' : `value.${f.name}`) ??
                  (f.name === '' ? undefined : errors.error(f.name))
                }
                required
              />
            ))}
            <div className="form-actions">
              <button type="submit" className="button" disabled={submitting}>
                {t('settings.save', { name: t(`settings.keys.${key}.title`) })}
              </button>
            </div>
          </form>
        </>
      ) : null}
      {setting.history.length > 1 ? (
        <details>
          <summary>{t('settings.history', { count: setting.history.length })}</summary>
          <ul>
            {setting.history.map((h) => (
              <li key={h.version}>
                {t('settings.historyLine', {
                  version: h.version,
                  value: settingFields(h.value)
                    .map((f) => (f.name ? `${labelOf(f.name)}: ${f.text}` : f.text))
                    .join('; '),
                  who: h.changedByName ?? t('settings.environment'),
                  when: formatDateTime(lang, h.changedAt),
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
