import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api } from '../../lib/api.ts';
import {
  checkInStatuses,
  type CheckIn,
  type CheckInStatus,
  type MyDeployment,
} from '../../lib/dutyofcare.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { Facts, missionLabel, tourText } from '../calls/parts.tsx';
import { EndOfTourReportForm } from '../deployments/EndOfTourReportForm.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { MyNotices } from '../notices/MyNotices.tsx';
import { DeploymentStateTag } from '../training/parts.tsx';
import { CheckInTag, DueText, EventsInForce } from './parts.tsx';

export function MyDeploymentPage() {
  const auth = useAuth();
  if (!auth.can('deployment.self')) return <NotFoundPage />;
  return <MyDeploymentView />;
}

/** The officer's own deployment: what is in force, the check-in, the facts, who to call. */
function MyDeploymentView() {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const mine = useApi<MyDeployment>('/api/v1/me/deployment', refresh);
  const notice = useSuccessNotice();
  usePageTitle(t('mine.title'));
  const data = mine.status === 'ready' ? mine.data : null;

  if (mine.status === 'error' && mine.error instanceof ApiError && mine.error.status === 404)
    return (
      <>
        <PageHeading>{t('mine.title')}</PageHeading>
        <p>{t('mine.none')}</p>
      </>
    );
  if (!data)
    return (
      <>
        <PageHeading>{t('mine.title')}</PageHeading>
        {mine.status === 'error' ? <LoadError error={mine.error} /> : <Loading />}
      </>
    );

  const facts: Array<[string, ReactNode]> = [
    [t('mine.mission'), missionLabel(lang, data.mission)],
    [t('mine.post'), data.post ? data.post.reference : t('mine.noPost')],
    [t('mine.location'), data.location ?? t('mine.noLocation')],
    [t('mine.dates'), tourText(t, lang, data.plannedStart, data.plannedEnd)],
    [t('mine.state'), <DeploymentStateTag key="state" state={data.state} />],
  ];
  if (data.mode) facts.push([t('mine.mode'), t(`modes.${data.mode}`)]);
  if (data.actualStart) facts.push([t('mine.arrived'), formatDate(lang, data.actualStart)]);

  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('mine.kicker')}</span>
        {t('mine.titleOf', { mission: data.mission.acronym })}
      </PageHeading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      <EventsInForce events={data.events} />
      {data.checkIn.expected ? (
        <CheckInSection
          deployment={data}
          onDone={(checkIn) => {
            notice.show(
              t('checkIn.done', {
                status: t(`checkInStatuses.${checkIn.status}`),
                at: formatDateTime(lang, checkIn.at),
              }),
            );
            setRefresh((n) => n + 1);
          }}
        />
      ) : (
        <section aria-labelledby="my-check-in">
          <h2 id="my-check-in">{t('checkIn.heading')}</h2>
          <p>{t('checkIn.notYet')}</p>
        </section>
      )}
      <MyNotices />
      {data.can.writeEndOfTourReport || data.endOfTourReport ? (
        <EndOfTourReportForm deploymentId={data.id} onSaved={() => setRefresh((n) => n + 1)} />
      ) : null}
      <section aria-labelledby="my-facts">
        <h2 id="my-facts">{t('mine.factsHeading')}</h2>
        <Facts rows={facts} />
        <p>
          {data.readiness.blocking === 0
            ? t('mine.readinessDone')
            : t('mine.readinessNotDone', {
                count: data.readiness.blocking,
                n: formatNumber(lang, data.readiness.blocking),
              })}{' '}
          <Link to={`/${lang}/deployments/${data.id}`}>{t('mine.readinessLink')}</Link>
        </p>
      </section>
      <ContactsSection contacts={data.contacts} />
    </>
  );
}

/** OK, needs support or urgent, where, and a note: a form that works on a phone. */
function CheckInSection({
  deployment,
  onDone,
}: {
  deployment: MyDeployment;
  onDone(checkIn: CheckIn): void;
}) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const errors = useFormErrors('check-in');
  const [status, setStatus] = useState<CheckInStatus | ''>('');
  const [location, setLocation] = useState(deployment.location ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = {
    status: t('checkIn.status'),
    location: t('checkIn.location'),
    note: t('checkIn.note'),
  };
  const { checkIn } = deployment;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!status) return errors.show({ status: t('checkIn.statusRequired') }, null);
    setBusy(true);
    try {
      const saved = await api<CheckIn>(`/api/v1/deployments/${deployment.id}/check-ins`, {
        method: 'POST',
        body: {
          status,
          ...(location.trim() ? { location: location.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        lang,
      });
      errors.clear();
      setStatus('');
      setNote('');
      onDone(saved);
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="my-check-in" className="check-in">
      <h2 id="my-check-in">{t('checkIn.heading')}</h2>
      <p>
        {checkIn.dueAt !== null && checkIn.overdueMinutes !== null ? (
          <DueText dueAt={checkIn.dueAt} overdueMinutes={checkIn.overdueMinutes} />
        ) : null}{' '}
        {checkIn.cadenceHours ? t('checkIn.cadence', { count: checkIn.cadenceHours }) : null}
      </p>
      {checkIn.last ? (
        <p>
          {t('checkIn.last', { at: formatDateTime(lang, checkIn.last.at) })}{' '}
          <CheckInTag status={checkIn.last.status} />
        </p>
      ) : null}
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="my-check-in" onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('status')}
          legend={labels.status!}
          value={status}
          onChange={(v) => setStatus(v as CheckInStatus)}
          options={checkInStatuses.map((s) => ({ value: s, label: t(`checkInStatuses.${s}`) }))}
          hint={t('checkIn.statusHint')}
          error={errors.error('status')}
          required
        />
        <TextField
          id={errors.idOf('location')}
          label={labels.location!}
          hint={t('checkIn.locationHint')}
          value={location}
          onChange={setLocation}
          error={errors.error('location')}
        />
        <TextAreaField
          id={errors.idOf('note')}
          label={labels.note!}
          hint={t('checkIn.noteHint')}
          value={note}
          onChange={setNote}
          error={errors.error('note')}
          rows={3}
        />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('checkIn.sending') : t('checkIn.submit')}
        </button>
      </form>
    </section>
  );
}

/** Who to call: the contingent commander and the program's duty officer. */
function ContactsSection({ contacts }: { contacts: MyDeployment['contacts'] }) {
  const { t } = useTranslation('dutyofcare');
  const { dutyOfficer, commanders } = contacts;
  return (
    <section aria-labelledby="my-contacts">
      <h2 id="my-contacts">{t('contacts.heading')}</h2>
      <ul className="contact-list">
        {commanders.map((c) => (
          <li key={c.email}>
            {t('contacts.commander', { name: c.displayName })}{' '}
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </li>
        ))}
        {dutyOfficer.email || dutyOfficer.phone ? (
          <li>
            {t('contacts.dutyOfficer')}{' '}
            <span className="contact-links">
              {dutyOfficer.phone ? (
                <a href={`tel:${dutyOfficer.phone.replace(/[^\d+]/g, '')}`}>{dutyOfficer.phone}</a>
              ) : null}
              {dutyOfficer.email ? (
                <a href={`mailto:${dutyOfficer.email}`}>{dutyOfficer.email}</a>
              ) : null}
            </span>
          </li>
        ) : null}
        {commanders.length === 0 && !dutyOfficer.email && !dutyOfficer.phone ? (
          <li>{t('contacts.none')}</li>
        ) : null}
      </ul>
    </section>
  );
}
