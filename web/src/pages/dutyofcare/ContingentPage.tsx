import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { RadioGroup, TextAreaField } from '../../components/Fields.tsx';
import { LoadError, Loading } from '../../components/LoadError.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SuccessNotice } from '../../components/SuccessNotice.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { uuid } from '../../lib/calls.ts';
import {
  missionEventKinds,
  type Contingent,
  type EvacuationDestination,
  type MissionEvent,
  type MissionEventDetail,
  type MissionEventKind,
} from '../../lib/dutyofcare.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useFormErrors, useSuccessNotice } from '../../lib/forms.ts';
import { useApi, useLang, usePageTitle } from '../../lib/hooks.ts';
import { personName } from '../calls/parts.tsx';
import { NotFoundPage } from '../not-found/NotFoundPage.tsx';
import { DeploymentStateTag } from '../training/parts.tsx';
import { CheckInTag, DueText, EventsInForce } from './parts.tsx';

export function ContingentPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  if (!uuid.test(id) || !auth.can('contingent.read')) return <NotFoundPage />;
  return <ContingentView missionId={id} />;
}

/**
 * The contingent at a glance: the events in force, everyone expected to check in (overdue
 * first) with their contact details, the roll-call of the latest event, and the declaration of
 * a mission-wide event.
 */
function ContingentView({ missionId }: { missionId: string }) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const auth = useAuth();
  const [refresh, setRefresh] = useState(0);
  const contingent = useApi<Contingent>(`/api/v1/missions/${missionId}/contingent`, refresh);
  const events = useApi<MissionEvent[]>(
    auth.can('mission_event.list') ? `/api/v1/missions/${missionId}/events` : null,
    refresh,
  );
  const notice = useSuccessNotice();
  const data = contingent.status === 'ready' ? contingent.data : null;
  const title = data
    ? t('contingent.title', { mission: data.mission.acronym })
    : t('contingent.titleLoading');
  usePageTitle(title);
  const changed = (message: string) => {
    notice.show(message);
    setRefresh((n) => n + 1);
  };

  if (
    contingent.status === 'error' &&
    contingent.error instanceof ApiError &&
    contingent.error.status === 404
  )
    return <NotFoundPage />;
  if (!data)
    return (
      <>
        <PageHeading>{t('contingent.titleLoading')}</PageHeading>
        {contingent.status === 'error' ? <LoadError error={contingent.error} /> : <Loading />}
      </>
    );

  const declarable = auth.can('mission_event.declare');
  // The roll-call shown: the latest lockdown or evacuation (what concerned officers in theatre).
  const latest =
    events.status === 'ready'
      ? events.data.find((e) => e.kind === 'lockdown' || e.kind === 'evacuation')
      : undefined;
  const { summary } = data;
  return (
    <>
      <PageHeading>
        <span className="heading-kicker">{t('contingent.kicker')}</span>
        {title}
      </PageHeading>
      <SuccessNotice message={notice.message} focusKey={notice.shown} />
      {auth.can('mission.read') ? (
        <p className="back-link">
          <Link to={`/${lang}/missions/${missionId}`}>{t('contingent.toMission')}</Link>
        </p>
      ) : null}
      <EventsInForce
        events={data.events}
        actions={(e) =>
          declarable && (e.kind === 'lockdown' || e.kind === 'suspension') ? (
            <EndEventButton event={e} onDone={changed} />
          ) : null
        }
      />
      <p className="lead">
        {t('contingent.summary', {
          count: summary.members,
          n: formatNumber(lang, summary.members),
          inTheatre: formatNumber(lang, summary.inTheatre),
          remote: formatNumber(lang, summary.remote),
        })}{' '}
        {t('contingent.cadence', { count: data.cadenceHours })}
      </p>
      <p>
        <strong>
          {t('contingent.overdueCount', {
            count: summary.overdue,
            n: formatNumber(lang, summary.overdue),
          })}
        </strong>{' '}
        {t('contingent.supportCount', {
          count: summary.needsSupport,
          n: formatNumber(lang, summary.needsSupport),
        })}
      </p>
      <MembersTable contingent={data} onDone={changed} />
      {latest ? <RollCallSection eventId={latest.id} refresh={refresh} onDone={changed} /> : null}
      {declarable ? (
        <DeclareSection missionId={missionId} contingent={data} onDone={changed} />
      ) : null}
    </>
  );
}

function MembersTable({
  contingent,
  onDone,
}: {
  contingent: Contingent;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const auth = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // A commander or program officer who reached an overdue officer records the check-in for them.
  const recordFor = (deploymentId: string, name: string) => {
    if (busy) return;
    setBusy(deploymentId);
    setFailed(null);
    api(`/api/v1/deployments/${deploymentId}/check-ins`, {
      method: 'POST',
      body: { status: 'ok', note: t('contingent.reachedNote') },
      lang,
    })
      .then(() => onDone(t('contingent.recorded', { name })))
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(null));
  };
  if (!contingent.members.length) return <p>{t('contingent.empty')}</p>;
  return (
    <div className="table-wrapper">
      {failed ? (
        <p className="notice notice--danger" role="alert">
          {failed}
        </p>
      ) : null}
      <table className="data-table">
        <caption>{t('contingent.caption', { mission: contingent.mission.acronym })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('contingent.columns.officer')}</th>
            <th scope="col">{t('contingent.columns.state')}</th>
            <th scope="col">{t('contingent.columns.location')}</th>
            <th scope="col">{t('contingent.columns.lastCheckIn')}</th>
            <th scope="col">{t('contingent.columns.next')}</th>
            <th scope="col">{t('contingent.columns.contact')}</th>
          </tr>
        </thead>
        <tbody>
          {contingent.members.map((m) => (
            <tr key={m.deploymentId}>
              <th scope="row">
                {auth.can('deployment.read') ? (
                  <Link to={`/${lang}/deployments/${m.deploymentId}`}>{personName(m)}</Link>
                ) : (
                  personName(m)
                )}
                {m.alerts.length ? (
                  <>
                    <br />
                    <span className="tag tag--overdue">
                      {t('contingent.alerts', {
                        steps: m.alerts.map((s) => t(`alertSteps.${s}`)).join(', '),
                      })}
                    </span>
                  </>
                ) : null}
              </th>
              <td>
                <DeploymentStateTag state={m.state} />
              </td>
              <td>{m.location ?? '—'}</td>
              <td>
                {m.lastCheckIn ? (
                  <>
                    <CheckInTag status={m.lastCheckIn.status} />
                    <br />
                    {formatDateTime(lang, m.lastCheckIn.at)}
                  </>
                ) : (
                  t('contingent.never')
                )}
              </td>
              <td>
                <DueText dueAt={m.dueAt} overdueMinutes={m.overdueMinutes} />
              </td>
              <td className="contact-links">
                {m.phone ? (
                  <a
                    href={`tel:${m.phone.replace(/[^\d+]/g, '')}`}
                    aria-label={t('contingent.call', { name: personName(m), phone: m.phone })}
                  >
                    {m.phone}
                  </a>
                ) : null}
                {m.email ? (
                  <a href={`mailto:${m.email}`}>
                    {t('contingent.emailShort')}
                    <span className="visually-hidden"> {personName(m)}</span>
                  </a>
                ) : null}
                {m.overdueMinutes > 0 && auth.can('checkin.record') ? (
                  <>
                    <br />
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-disabled={busy !== null}
                      onClick={() => recordFor(m.deploymentId, personName(m))}
                    >
                      {t('contingent.recordFor', { name: personName(m) })}
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EndEventButton({ event, onDone }: { event: MissionEvent; onDone(message: string): void }) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error ? <p className="field__error">{error}</p> : null}
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={busy}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          api(`/api/v1/mission-events/${event.id}/end`, { method: 'POST', lang })
            .then(() => onDone(t('events.ended', { kind: t(`eventKinds.${event.kind}`) })))
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        }}
      >
        {t(`events.end.${event.kind}`)}
      </button>
    </>
  );
}

/** Who the latest event concerned and who is accounted for; mark those reached another way. */
function RollCallSection({
  eventId,
  refresh,
  onDone,
}: {
  eventId: string;
  refresh: number;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const auth = useAuth();
  const event = useApi<MissionEventDetail>(`/api/v1/mission-events/${eventId}`, refresh);
  const [busy, setBusy] = useState<string | null>(null);
  if (event.status !== 'ready')
    return event.status === 'error' ? <LoadError error={event.error} /> : <Loading />;
  const { summary, rollCall } = event.data;
  const mark = (deploymentId: string, name: string) => {
    if (busy) return;
    setBusy(deploymentId);
    api(`/api/v1/mission-events/${eventId}/roll-call`, {
      method: 'POST',
      body: { deploymentId },
      lang,
    })
      .then(() => onDone(t('rollCall.marked', { name })))
      .finally(() => setBusy(null));
  };
  return (
    <section aria-labelledby="roll-call">
      <h2 id="roll-call">
        {t('rollCall.heading', {
          kind: t(`eventKinds.${event.data.kind}`),
          at: formatDateTime(lang, event.data.startedAt),
        })}
      </h2>
      <p>
        {t('rollCall.summary', {
          accounted: formatNumber(lang, summary.accounted),
          concerned: formatNumber(lang, summary.concerned),
          count: summary.missing,
          missing: formatNumber(lang, summary.missing),
        })}
      </p>
      {rollCall.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('rollCall.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rollCall.columns.officer')}</th>
                <th scope="col">{t('rollCall.columns.moved')}</th>
                <th scope="col">{t('rollCall.columns.accounted')}</th>
              </tr>
            </thead>
            <tbody>
              {rollCall.map((r) => {
                const name = personName(r.officer);
                return (
                  <tr key={r.deploymentId}>
                    <th scope="row">{name}</th>
                    <td>
                      {r.fromState === r.toState ? (
                        t('rollCall.stayed')
                      ) : (
                        <DeploymentStateTag state={r.toState} />
                      )}
                    </td>
                    <td>
                      {r.accountedAt ? (
                        <>
                          <span className="tag tag--valid">
                            {t(`rollCall.how.${r.accountedHow}`)}
                          </span>{' '}
                          {formatDateTime(lang, r.accountedAt)}
                        </>
                      ) : auth.can('roll_call.mark') && !event.data.endedAt ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-disabled={busy !== null}
                          onClick={() => mark(r.deploymentId, name)}
                        >
                          {t('rollCall.mark', { name })}
                        </button>
                      ) : (
                        <span className="tag tag--expiring">{t('rollCall.notYet')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Declare a lockdown, an evacuation, the return to theatre, or a suspension. */
function DeclareSection({
  missionId,
  contingent,
  onDone,
}: {
  missionId: string;
  contingent: Contingent;
  onDone(message: string): void;
}) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  const errors = useFormErrors('declare');
  const [kind, setKind] = useState<MissionEventKind | ''>('');
  const [destination, setDestination] = useState<EvacuationDestination | ''>('');
  const [instructionsEn, setInstructionsEn] = useState('');
  const [instructionsFr, setInstructionsFr] = useState('');
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = {
    kind: t('declare.kind'),
    destination: t('declare.destination'),
    instructionsEn: t('declare.instructionsEn'),
    instructionsFr: t('declare.instructionsFr'),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const missing: Record<string, string> = {};
    if (!kind) missing.kind = t('declare.required');
    if (kind === 'evacuation' && !destination) missing.destination = t('declare.required');
    if (!instructionsEn.trim()) missing.instructionsEn = t('declare.required');
    if (!instructionsFr.trim()) missing.instructionsFr = t('declare.required');
    if (Object.keys(missing).length) return errors.show(missing, null);
    setBusy(true);
    try {
      const declared = await api<MissionEventDetail & { moved: number }>(
        `/api/v1/missions/${missionId}/events`,
        {
          method: 'POST',
          body: {
            kind,
            ...(kind === 'evacuation' ? { destination } : {}),
            instructionsEn: instructionsEn.trim(),
            instructionsFr: instructionsFr.trim(),
          },
          lang,
        },
      );
      errors.clear();
      setKind('');
      setDestination('');
      setInstructionsEn('');
      setInstructionsFr('');
      onDone(
        t('declare.done', {
          kind: t(`eventKinds.${declared.kind}`),
          count: declared.moved,
          n: formatNumber(lang, declared.moved),
        }),
      );
    } catch (error) {
      errors.fail(error);
    } finally {
      setBusy(false);
    }
  }

  const inTheatre = contingent.summary.inTheatre;
  return (
    <section aria-labelledby="declare-event">
      <h2 id="declare-event">{t('declare.heading')}</h2>
      <p>{t('declare.intro')}</p>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      <form className="form" noValidate aria-labelledby="declare-event" onSubmit={onSubmit}>
        <RadioGroup
          id={errors.idOf('kind')}
          legend={labels.kind!}
          value={kind}
          onChange={(v) => setKind(v as MissionEventKind)}
          options={missionEventKinds.map((k) => ({
            value: k,
            label: `${t(`eventKinds.${k}`)} – ${t(`declare.effects.${k}`, { count: inTheatre, n: formatNumber(lang, inTheatre) })}`,
          }))}
          error={errors.error('kind')}
          required
        />
        {kind === 'evacuation' ? (
          <RadioGroup
            id={errors.idOf('destination')}
            legend={labels.destination!}
            value={destination}
            onChange={(v) => setDestination(v as EvacuationDestination)}
            options={(['remote', 'repatriating'] as const).map((d) => ({
              value: d,
              label: t(`destinations.${d}`),
            }))}
            error={errors.error('destination')}
            required
          />
        ) : null}
        <TextAreaField
          id={errors.idOf('instructionsEn')}
          label={labels.instructionsEn!}
          hint={t('declare.instructionsHint')}
          value={instructionsEn}
          onChange={setInstructionsEn}
          error={errors.error('instructionsEn')}
          required
          rows={3}
        />
        <TextAreaField
          id={errors.idOf('instructionsFr')}
          label={labels.instructionsFr!}
          value={instructionsFr}
          onChange={setInstructionsFr}
          error={errors.error('instructionsFr')}
          required
          rows={3}
        />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? t('declare.sending') : t('declare.submit')}
        </button>
      </form>
    </section>
  );
}
