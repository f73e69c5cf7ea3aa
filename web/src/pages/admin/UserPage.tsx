import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { roleLabel } from '../../lib/roles.ts';
import type { AdminUser } from '../../lib/users.ts';
import { AccessFields, accessBody, useScopeLists, type Access } from './AccessFields.tsx';
import { SessionsTable } from './SessionsTable.tsx';

export function UserPage() {
  const { t } = useTranslation('users');
  const { id = '' } = useParams();
  const [refresh, setRefresh] = useState(0);
  const user = useApi<AdminUser>(`/api/v1/users/${id}`, refresh);
  const location = useLocation();
  // A success message survives the reload that follows a change (from the invite page too).
  const [done, setDone] = useState<string | null>(
    () => (location.state as { notice?: string } | null)?.notice ?? null,
  );
  usePageTitle(user.status === 'ready' ? user.data.displayName : t('user.details'));
  if (user.status === 'loading') return <Loading />;
  if (user.status === 'error') return <LoadError error={user.error} />;
  return (
    <UserDetail
      key={`${user.data.id}-${user.data.version}`}
      user={user.data}
      message={done}
      focusKey={refresh}
      onChanged={(message) => {
        setDone(message);
        setRefresh((n) => n + 1);
      }}
    />
  );
}

function UserDetail({
  user,
  message,
  focusKey,
  onChanged,
}: {
  user: AdminUser;
  message: string | null;
  focusKey: number;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation('users');
  const lang = useLang();
  const auth = useAuth();
  const lists = useScopeLists();
  const me = auth.state.status === 'signedIn' ? auth.state.me.user : null;
  const self = me?.id === user.id;
  const errors = useFormErrors('user');
  const agencyCode = lists.agencies.find((a) => a.id === user.agencyId)?.code ?? '';
  const missionCode = lists.missions.find((m) => m.id === user.missionId)?.code ?? '';
  const [access, setAccess] = useState<Access | null>(null);
  const shown: Access = access ?? {
    role: user.role,
    partner: user.partner ?? '',
    agencyCode,
    missionCode,
  };
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<string>(user.locale);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const labels: Record<string, string> = {
    displayName: t('fields.displayName'),
    role: t('fields.role'),
    partner: t('fields.partner'),
    agencyCode: t('fields.agency'),
    missionCode: t('fields.mission'),
    locale: t('fields.locale'),
    reason: t('user.disable.reason'),
  };

  async function run(path: string, method: 'POST' | 'PATCH', body: object, done: string) {
    if (busy) return;
    setBusy(true);
    try {
      await api<AdminUser>(path, { method, lang, body: { ...body, version: user.version } });
      errors.clear();
      onChanged(done);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  }

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!self && !lists.ready) return;
    void run(
      `/api/v1/users/${user.id}`,
      'PATCH',
      { displayName, locale, ...(self ? {} : accessBody(shown)) },
      t('user.saved'),
    );
  }

  function onDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return errors.show({ reason: t('errors:validation.required') }, null);
    void run(`/api/v1/users/${user.id}/disable`, 'POST', { reason }, t('user.disable.done'));
  }

  return (
    <>
      <PageHeading>{user.displayName}</PageHeading>
      <SuccessNotice message={message} focusKey={focusKey} />
      <ErrorSummary items={errors.items((p) => labels[p])} focusKey={errors.shown} />
      <section aria-labelledby="user-details">
        <h2 id="user-details">{t('user.details')}</h2>
        <dl className="details-list">
          <div>
            <dt>{t('fields.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('fields.role')}</dt>
            <dd>{roleLabel(t, user)}</dd>
          </div>
          <div>
            <dt>{t('user.status')}</dt>
            <dd>{t(`statuses.${user.status}`)}</dd>
          </div>
          <div>
            <dt>{t('user.createdAt')}</dt>
            <dd>{formatDateTime(lang, user.createdAt)}</dd>
          </div>
        </dl>
      </section>

      {auth.can('user.update') ? (
        <section aria-labelledby="user-access">
          <h2 id="user-access">{t('user.access')}</h2>
          <p>{self ? t('user.self') : t('user.accessIntro')}</p>
          <form className="form" noValidate onSubmit={onSave}>
            <TextField
              id={errors.idOf('displayName')}
              label={labels.displayName!}
              value={displayName}
              onChange={setDisplayName}
              error={errors.error('displayName')}
              required
            />
            {self ? null : lists.ready ? (
              <AccessFields
                prefix="user"
                value={shown}
                onChange={setAccess}
                error={errors.error}
                lists={lists}
              />
            ) : (
              <Loading />
            )}
            <SelectField
              id={errors.idOf('locale')}
              label={labels.locale!}
              value={locale}
              onChange={setLocale}
              options={[
                { value: 'en', label: t('reference:languages.en') },
                { value: 'fr', label: t('reference:languages.fr') },
              ]}
              required
            />
            <button type="submit" className="button button--primary" aria-disabled={busy}>
              {busy ? t('user.saving') : t('user.save')}
            </button>
          </form>
        </section>
      ) : null}

      {auth.can('user.invite') && user.status === 'invited' ? (
        <OneClickAction
          id="user-resend"
          name="resend"
          busy={busy}
          onClick={() =>
            void run(
              `/api/v1/users/${user.id}/invitation`,
              'POST',
              {},
              t('user.resend.done', { email: user.email }),
            )
          }
        />
      ) : null}

      {auth.can('user.disable') && !self && user.status !== 'disabled' ? (
        <section aria-labelledby="user-disable">
          <h2 id="user-disable">{t('user.disable.heading')}</h2>
          <p>{t('user.disable.intro')}</p>
          <form className="form" noValidate onSubmit={onDisable}>
            <TextField
              id={errors.idOf('reason')}
              label={labels.reason!}
              value={reason}
              onChange={setReason}
              error={errors.error('reason')}
              required
            />
            <button type="submit" className="button button--secondary" aria-disabled={busy}>
              {t('user.disable.submit')}
            </button>
          </form>
        </section>
      ) : null}

      {auth.can('user.disable') && !self && user.status === 'disabled' ? (
        <OneClickAction
          id="user-enable"
          name="enable"
          busy={busy}
          onClick={() =>
            void run(`/api/v1/users/${user.id}/enable`, 'POST', {}, t('user.enable.done'))
          }
        />
      ) : null}

      {auth.can('user.resetPassword') && !self && user.status === 'active' ? (
        <OneClickAction
          id="user-reset"
          name="reset"
          busy={busy}
          onClick={() =>
            void run(
              `/api/v1/users/${user.id}/password-reset`,
              'POST',
              {},
              t('user.reset.done', { email: user.email }),
            )
          }
        />
      ) : null}

      {auth.can('user.session.list') ? (
        <SessionsTable userId={user.id} headingId="user-sessions" heading={t('sessions.heading')} />
      ) : null}

      {auth.can('audit.read') ? (
        <p>
          <Link to={`/${lang}/audit?recordType=user&recordId=${user.id}`}>
            {t('user.auditTrail')}
          </Link>{' '}
          <Link to={`/${lang}/audit?actor=${user.id}`}>{t('user.auditActions')}</Link>
        </p>
      ) : null}

      <p className="back-link">
        <Link to={`/${lang}/admin/users`}>{t('user.back')}</Link>
      </p>
    </>
  );
}

/** A section with one button: its heading, what it does, and the button (`user.<name>.*`). */
function OneClickAction({
  id,
  name,
  busy,
  onClick,
}: {
  id: string;
  name: 'resend' | 'enable' | 'reset';
  busy: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation('users');
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`user.${name}.heading`)}</h2>
      <p>{t(`user.${name}.intro`)}</p>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={busy}
        onClick={onClick}
      >
        {t(`user.${name}.submit`)}
      </button>
    </section>
  );
}
