import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../components/Fields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { ApiError, api, type OfficerSummary, type Page } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useApi, useLang } from '../../lib/hooks.ts';
import type { Deployment, DeploymentExtension, RotationLink } from '../../lib/training.ts';
import { personName, tourText } from '../calls/parts.tsx';
import { DeploymentStateTag } from '../training/parts.tsx';

/** What every section of the page gets: the deployment, and what to do after a write. */
export interface SectionProps {
  deployment: Deployment;
  /** The write succeeded: show this message and load the deployment again. */
  onDone(message: string): void;
  /** The server refused on the record's state or version: load it again (the error stays). */
  onStale(): void;
}

/** One write of a form: busy while it runs, the server's errors on the form, 409 reloads. */
function useWrite(prefix: string, onStale: () => void) {
  const lang = useLang();
  const errors = useFormErrors(prefix);
  const [busy, setBusy] = useState<string | null>(null);
  async function send<T>(
    key: string,
    path: string,
    method: 'POST' | 'PATCH' | 'PUT',
    body: unknown,
  ): Promise<T | null> {
    if (busy) return null;
    setBusy(key);
    try {
      const answer = await api<T>(path, { method, body, lang });
      errors.clear();
      setBusy(null);
      return answer;
    } catch (error) {
      setBusy(null);
      errors.fail(error);
      if (error instanceof ApiError && error.status === 409) onStale();
      return null;
    }
  }
  return { errors, busy, send };
}

function Submit({
  busy,
  children,
  secondary,
}: {
  busy: boolean;
  children: ReactNode;
  secondary?: boolean;
}) {
  const { t } = useTranslation('tour');
  return (
    <button
      type="submit"
      className={secondary ? 'button button--secondary' : 'button button--primary'}
      aria-disabled={busy}
    >
      {busy ? t('saving') : children}
    </button>
  );
}

// ---------------------------------------------------------------------------------------------

/** Where the officer serves in the host country: program officers and the mission's commander. */
export function LocationSection({ deployment, onDone, onStale }: SectionProps) {
  const { t } = useTranslation('tour');
  const { errors, busy, send } = useWrite('location', onStale);
  const [location, setLocation] = useState(deployment.location ?? '');
  const labels: Record<string, string> = { location: t('location.label') };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await send('location', `/api/v1/deployments/${deployment.id}`, 'PATCH', {
      version: deployment.version,
      location: location.trim() || null,
    });
    if (done)
      onDone(
        location.trim() ? t('location.done', { location: location.trim() }) : t('location.cleared'),
      );
  }

  return (
    <section aria-labelledby="deployment-location">
      <h2 id="deployment-location">{t('location.heading')}</h2>
      <ErrorSummary focusKey={errors.shown} items={errors.items((p) => labels[p])} />
      <form className="form" noValidate aria-labelledby="deployment-location" onSubmit={onSubmit}>
        <TextField
          id={errors.idOf('location')}
          label={labels.location!}
          hint={t('location.hint')}
          value={location}
          onChange={setLocation}
          error={errors.error('location')}
        />
        <Submit busy={busy !== null}>{t('location.submit')}</Submit>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function ExtensionStatus({ extension }: { extension: DeploymentExtension }) {
  const { t } = useTranslation('tour');
  const tag = {
    requested: 'tag tag--expiring',
    approved: 'tag tag--valid',
    declined: 'tag tag--expired',
  }[extension.status];
  return <span className={tag}>{t(`extension.statuses.${extension.status}`)}</span>;
}

/**
 * Extensions: the requests so far with their decisions; the decision buttons on the requests the
 * caller may decide, and the request form when the caller may ask (both from the server).
 */
export function ExtensionsSection({ deployment, onDone, onStale }: SectionProps) {
  const { t } = useTranslation(['tour', 'common']);
  const lang = useLang();
  const { errors, busy, send } = useWrite('extension', onStale);
  const decision = useWrite('decision', onStale);
  const [newEnd, setNewEnd] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const extensions = deployment.extensions ?? [];
  const mayAsk = deployment.can?.requestExtension ?? false;
  const decidable = extensions.find((e) => e.decidable);
  const labels: Record<string, string> = {
    newEnd: t('extension.newEnd'),
    reason: t('extension.reason'),
    note: t('extension.note'),
  };
  if (!mayAsk && extensions.length === 0) return null;

  async function onAsk(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!newEnd) missing.newEnd = t('required');
    if (!reason.trim()) missing.reason = t('required');
    if (Object.keys(missing).length) return errors.show(missing, null);
    const done = await send('ask', `/api/v1/deployments/${deployment.id}/extensions`, 'POST', {
      version: deployment.version,
      newEnd,
      reason: reason.trim(),
    });
    if (done) {
      setNewEnd('');
      setReason('');
      onDone(t('extension.asked', { date: formatDate(lang, newEnd) }));
    }
  }

  async function decide(extension: DeploymentExtension, approve: boolean) {
    const done = await decision.send(
      approve ? 'approve' : 'decline',
      `/api/v1/deployments/${deployment.id}/extensions/${extension.id}/decision`,
      'POST',
      { version: deployment.version, approve, ...(note.trim() ? { note: note.trim() } : {}) },
    );
    if (done) {
      setNote('');
      onDone(
        approve
          ? t('extension.approved', { date: formatDate(lang, extension.newEnd) })
          : t('extension.declined'),
      );
    }
  }

  return (
    <section aria-labelledby="deployment-extensions">
      <h2 id="deployment-extensions">{t('extension.heading')}</h2>
      {extensions.length === 0 ? (
        <p>{t('extension.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('extension.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('extension.columns.asked')}</th>
                <th scope="col">{t('extension.columns.newEnd')}</th>
                <th scope="col">{t('extension.columns.reason')}</th>
                <th scope="col">{t('extension.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {extensions.map((e) => (
                <tr key={e.id}>
                  <td>
                    {formatDateTime(lang, e.requestedAt)}
                    {e.requestedByRole ? (
                      <>
                        <br />
                        {t(`common:roles.${e.requestedByRole}`, {
                          defaultValue: e.requestedByRole,
                        })}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {t('extension.fromTo', {
                      from: formatDate(lang, e.previousEnd),
                      to: formatDate(lang, e.newEnd),
                    })}
                  </td>
                  <td>{e.reason}</td>
                  <td>
                    <ExtensionStatus extension={e} />
                    {e.decisionNote ? (
                      <>
                        <br />
                        {e.decisionNote}
                      </>
                    ) : null}
                    {e.status === 'requested' && e.requestedByMe ? (
                      <>
                        <br />
                        {t('extension.yours')}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {decidable ? (
        <>
          <h3 id="deployment-extension-decide">{t('extension.decideHeading')}</h3>
          <p>
            {t('extension.decideIntro', {
              from: formatDate(lang, decidable.previousEnd),
              to: formatDate(lang, decidable.newEnd),
            })}
          </p>
          <ErrorSummary
            focusKey={decision.errors.shown}
            items={decision.errors.items((p) => labels[p])}
          />
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-extension-decide"
            onSubmit={(event) => {
              event.preventDefault();
              void decide(decidable, true);
            }}
          >
            <TextAreaField
              id={decision.errors.idOf('note')}
              label={labels.note!}
              value={note}
              onChange={setNote}
              error={decision.errors.error('note')}
              rows={2}
            />
            <div className="button-row">
              <Submit busy={decision.busy === 'approve'}>{t('extension.approve')}</Submit>
              <button
                type="button"
                className="button button--secondary"
                aria-disabled={decision.busy !== null}
                onClick={() => void decide(decidable, false)}
              >
                {decision.busy === 'decline' ? t('saving') : t('extension.decline')}
              </button>
            </div>
          </form>
        </>
      ) : null}

      {mayAsk ? (
        <>
          <h3 id="deployment-extension-ask">{t('extension.askHeading')}</h3>
          <p>{t('extension.askIntro', { plannedEnd: formatDate(lang, deployment.plannedEnd) })}</p>
          <ErrorSummary focusKey={errors.shown} items={errors.items((p) => labels[p])} />
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-extension-ask"
            onSubmit={onAsk}
          >
            <TextField
              id={errors.idOf('newEnd')}
              type="date"
              short
              label={labels.newEnd!}
              value={newEnd}
              onChange={setNewEnd}
              error={errors.error('newEnd')}
              required
            />
            <TextAreaField
              id={errors.idOf('reason')}
              label={labels.reason!}
              hint={t('extension.reasonHint')}
              value={reason}
              onChange={setReason}
              error={errors.error('reason')}
              required
              rows={3}
            />
            <Submit busy={busy !== null}>{t('extension.askSubmit')}</Submit>
          </form>
        </>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function LinkRow({ label, link }: { label: string; link: RotationLink }) {
  const { t } = useTranslation('tour');
  const lang = useLang();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <Link to={`/${lang}/deployments/${link.id}`}>{personName(link.officer)}</Link>,{' '}
        {tourText(
          t,
          lang,
          link.actualStart ?? link.plannedStart,
          link.actualEnd ?? link.plannedEnd,
        )}{' '}
        <DeploymentStateTag state={link.state} />
        <br />
        {t('rotation.handover', {
          count: link.handoverDays,
          n: formatNumber(lang, link.handoverDays),
        })}
      </dd>
    </div>
  );
}

/** Rotation: who this officer takes over from, who takes over, and the hand-over overlap. */
export function RotationSection({ deployment, onDone, onStale }: SectionProps) {
  const { t } = useTranslation('tour');
  const { predecessor, successor } = deployment.rotation ?? {
    predecessor: null,
    successor: null,
  };
  const mayAdd = deployment.can?.addSuccessor ?? false;
  if (!predecessor && !successor && !mayAdd) return null;
  return (
    <section aria-labelledby="deployment-rotation">
      <h2 id="deployment-rotation">{t('rotation.heading')}</h2>
      {predecessor || successor ? (
        <dl className="details-list">
          {predecessor ? <LinkRow label={t('rotation.predecessor')} link={predecessor} /> : null}
          {successor ? <LinkRow label={t('rotation.successor')} link={successor} /> : null}
        </dl>
      ) : (
        <p>{t('rotation.none')}</p>
      )}
      {mayAdd ? <SuccessorForm deployment={deployment} onDone={onDone} onStale={onStale} /> : null}
    </section>
  );
}

function SuccessorForm({ deployment, onDone, onStale }: SectionProps) {
  const { t } = useTranslation('tour');
  const lang = useLang();
  const { errors, busy, send } = useWrite('successor', onStale);
  const officers = useApi<Page<OfficerSummary>>('/api/v1/officers?pageSize=200');
  const [officerId, setOfficerId] = useState('');
  const [plannedStart, setPlannedStart] = useState('');
  const [plannedEnd, setPlannedEnd] = useState('');
  const labels: Record<string, string> = {
    officerId: t('rotation.officer'),
    plannedStart: t('rotation.plannedStart'),
    plannedEnd: t('rotation.plannedEnd'),
  };
  const options =
    officers.status === 'ready'
      ? officers.data.items
          .filter((o) => o.id !== deployment.officer.id)
          .map((o) => ({
            value: o.id,
            label: `${personName(o)} (${o.badgeNumber}, ${o.agencyCode})`,
          }))
      : [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!officerId) missing.officerId = t('required');
    if (!plannedStart) missing.plannedStart = t('required');
    if (!plannedEnd) missing.plannedEnd = t('required');
    if (Object.keys(missing).length) return errors.show(missing, null);
    const done = await send<Deployment>(
      'add',
      `/api/v1/deployments/${deployment.id}/successor`,
      'POST',
      { version: deployment.version, officerId, plannedStart, plannedEnd },
    );
    if (done) {
      onDone(
        t('rotation.added', {
          name: personName(done.officer),
          start: formatDate(lang, done.plannedStart),
        }),
      );
    }
  }

  return (
    <>
      <h3 id="deployment-successor">{t('rotation.addHeading')}</h3>
      <p>{t('rotation.addIntro')}</p>
      <ErrorSummary focusKey={errors.shown} items={errors.items((p) => labels[p])} />
      <form className="form" noValidate aria-labelledby="deployment-successor" onSubmit={onSubmit}>
        <SelectField
          id={errors.idOf('officerId')}
          label={labels.officerId!}
          value={officerId}
          onChange={setOfficerId}
          options={options}
          emptyLabel={t('rotation.chooseOfficer')}
          error={errors.error('officerId')}
          required
        />
        <TextField
          id={errors.idOf('plannedStart')}
          type="date"
          short
          label={labels.plannedStart!}
          value={plannedStart}
          onChange={setPlannedStart}
          error={errors.error('plannedStart')}
          required
        />
        <TextField
          id={errors.idOf('plannedEnd')}
          type="date"
          short
          label={labels.plannedEnd!}
          value={plannedEnd}
          onChange={setPlannedEnd}
          error={errors.error('plannedEnd')}
          required
        />
        <Submit busy={busy !== null}>{t('rotation.addSubmit')}</Submit>
      </form>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

/** The debrief: shown once recorded; a program officer records or corrects it. */
export function DebriefSection({ deployment, onDone, onStale }: SectionProps) {
  const { t } = useTranslation('tour');
  const lang = useLang();
  const { errors, busy, send } = useWrite('debrief', onStale);
  const debrief = deployment.debrief ?? null;
  const [heldOn, setHeldOn] = useState(debrief?.heldOn ?? todayIso());
  const [notes, setNotes] = useState(debrief?.notes ?? '');
  const [followUp, setFollowUp] = useState(debrief?.followUp ?? '');
  const mayRecord = deployment.can?.recordDebrief ?? false;
  const labels: Record<string, string> = {
    heldOn: t('debrief.heldOn'),
    notes: t('debrief.notes'),
    followUp: t('debrief.followUp'),
  };
  if (!debrief && !mayRecord) return null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!heldOn) missing.heldOn = t('required');
    if (!notes.trim()) missing.notes = t('required');
    if (Object.keys(missing).length) return errors.show(missing, null);
    const done = await send('debrief', `/api/v1/deployments/${deployment.id}/debrief`, 'POST', {
      version: deployment.version,
      heldOn,
      notes: notes.trim(),
      followUp: followUp.trim() || null,
    });
    if (done) onDone(t('debrief.done', { date: formatDate(lang, heldOn) }));
  }

  return (
    <section aria-labelledby="deployment-debrief">
      <h2 id="deployment-debrief">{t('debrief.heading')}</h2>
      {debrief ? (
        <dl className="details-list">
          <div>
            <dt>{labels.heldOn}</dt>
            <dd>{formatDate(lang, debrief.heldOn)}</dd>
          </div>
          <div>
            <dt>{labels.notes}</dt>
            <dd className="pre-line">{debrief.notes}</dd>
          </div>
          <div>
            <dt>{labels.followUp}</dt>
            <dd className="pre-line">{debrief.followUp ?? t('debrief.noFollowUp')}</dd>
          </div>
        </dl>
      ) : (
        <p>{t('debrief.none')}</p>
      )}
      {mayRecord ? (
        <>
          <h3 id="deployment-debrief-form">
            {debrief ? t('debrief.correctHeading') : t('debrief.recordHeading')}
          </h3>
          <ErrorSummary focusKey={errors.shown} items={errors.items((p) => labels[p])} />
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-debrief-form"
            onSubmit={onSubmit}
          >
            <TextField
              id={errors.idOf('heldOn')}
              type="date"
              short
              label={labels.heldOn!}
              value={heldOn}
              onChange={setHeldOn}
              error={errors.error('heldOn')}
              required
            />
            <TextAreaField
              id={errors.idOf('notes')}
              label={labels.notes!}
              value={notes}
              onChange={setNotes}
              error={errors.error('notes')}
              required
              rows={5}
            />
            <TextAreaField
              id={errors.idOf('followUp')}
              label={labels.followUp!}
              hint={t('debrief.followUpHint')}
              value={followUp}
              onChange={setFollowUp}
              error={errors.error('followUp')}
              rows={3}
            />
            <Submit busy={busy !== null}>{t('debrief.submit')}</Submit>
          </form>
        </>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

/** Every move so far: from, to, when, by which role, and why. */
export function MovesHistory({ deployment }: { deployment: Deployment }) {
  const { t } = useTranslation(['tour', 'training', 'common']);
  const lang = useLang();
  const moves = deployment.moves ?? [];
  return (
    <section aria-labelledby="deployment-history">
      <h2 id="deployment-history">{t('history.heading')}</h2>
      {moves.length === 0 ? (
        <p>{t('history.none')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>{t('history.caption', { name: personName(deployment.officer) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.columns.at')}</th>
                <th scope="col">{t('history.columns.move')}</th>
                <th scope="col">{t('history.columns.by')}</th>
                <th scope="col">{t('history.columns.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m, i) => (
                <tr key={`${m.at}-${i}`}>
                  <td>{formatDateTime(lang, m.at)}</td>
                  <td>
                    {t('history.fromTo', {
                      from: t(`training:deploymentStates.${m.from}`),
                      to: t(`training:deploymentStates.${m.to}`),
                    })}
                  </td>
                  <td>
                    {m.actorRole
                      ? t(`common:roles.${m.actorRole}`, { defaultValue: m.actorRole })
                      : '—'}
                  </td>
                  <td>{m.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
