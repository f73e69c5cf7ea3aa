import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextAreaField } from '../../components/Fields.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { withFieldPaths } from '../../lib/calls.ts';
import { formatNumber } from '../../lib/format.ts';
import { useFormErrors } from '../../lib/forms.ts';
import { useLang } from '../../lib/hooks.ts';
import type { Deployment, DeploymentState } from '../../lib/training.ts';
import { useRole } from '../calls/parts.tsx';

/** The button that makes a move, in words: "Start preparing", "Mark ready", "Back to preparing". */
function moveLabel(from: DeploymentState, to: DeploymentState): string {
  if (to === 'ready') return 'move.toReady';
  if (to === 'preparing') return from === 'ready' ? 'move.backToPreparing' : 'move.toPreparing';
  return 'move.to';
}

/**
 * Program staff move the deployment to its next states; `ready` needs every readiness item done,
 * and `closed` the end-of-tour report and the debrief, unless a program administrator overrides
 * with a reason. Moves that need a reason (the server names them) each have their own form, its
 * field labelled for that move.
 */
export function MoveSection({
  deployment,
  onDone,
  onStale,
}: {
  deployment: Deployment;
  /** The move succeeded: show this message and load the deployment again. */
  onDone(message: string): void;
  /** The server refused on the record's state: load it again (the error stays on screen). */
  onStale(): void;
}) {
  const { t } = useTranslation('training');
  const lang = useLang();
  const role = useRole();
  const errors = useFormErrors('move');
  const id = errors.idOf;
  const [busy, setBusy] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Partial<Record<DeploymentState, string>>>({});
  const [overrideReason, setOverrideReason] = useState('');
  const moves = deployment.nextStates ?? [];
  const withReason = (deployment.reasonNeeded ?? []).filter((s) => moves.includes(s));
  const forward = moves.filter((s) => !withReason.includes(s));
  const { blocking } = deployment.readiness;
  const closingNeeds = deployment.closing?.needs ?? [];
  // The server lets only a program administrator override; the ability is not separate yet.
  const readyOverride = role === 'program_admin' && moves.includes('ready') && blocking > 0;
  const closeOverride =
    role === 'program_admin' && moves.includes('closed') && closingNeeds.length > 0;
  const overrideTarget: DeploymentState | null = readyOverride
    ? 'ready'
    : closeOverride
      ? 'closed'
      : null;
  const labels: Record<string, string> = {
    ...Object.fromEntries(withReason.map((to) => [`reason-${to}`, t(`move.reasonFor.${to}`)])),
    overrideReason:
      overrideTarget === 'closed' ? t('move.closeOverrideReason') : t('move.overrideReason'),
  };

  async function move(
    to: DeploymentState,
    extra: { reason?: string; override?: { reason: string } } = {},
  ) {
    if (busy) return;
    setBusy(extra.override ? 'override' : to);
    try {
      await api<Deployment>(`/api/v1/deployments/${deployment.id}/transitions`, {
        method: 'POST',
        body: { version: deployment.version, to, ...extra },
        lang,
      });
      errors.clear();
      setBusy(null);
      setReasons({});
      setOverrideReason('');
      onDone(
        extra.override && to === 'ready'
          ? t('move.overridden', { count: blocking, n: formatNumber(lang, blocking) })
          : extra.override
            ? t('move.closedOverridden')
            : t('move.done', { state: t(`deploymentStates.${to}`) }),
      );
    } catch (error) {
      setBusy(null);
      errors.fail(
        withFieldPaths(error, (p) =>
          p === 'override.reason' ? 'overrideReason' : p === 'reason' ? `reason-${to}` : p,
        ),
      );
      if (error instanceof ApiError && error.status === 409) onStale();
    }
  }

  function onReasonMove(to: DeploymentState) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const reason = reasons[to]?.trim() ?? '';
      if (!reason) return errors.show({ [`reason-${to}`]: t('move.reasonRequired') }, null);
      void move(to, { reason });
    };
  }

  function onOverride(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!overrideTarget) return;
    if (!overrideReason.trim())
      return errors.show({ overrideReason: t('move.reasonRequired') }, null);
    void move(overrideTarget, { override: { reason: overrideReason.trim() } });
  }

  return (
    <section aria-labelledby="deployment-move">
      <h2 id="deployment-move">{t('move.heading')}</h2>
      <ErrorSummary focusKey={errors.shown} items={errors.items((path) => labels[path])} />
      {moves.length === 0 ? (
        <p>{t('move.none', { state: t(`deploymentStates.${deployment.state}`) })}</p>
      ) : null}
      {forward.length > 0 ? (
        <>
          <p>{t('move.intro')}</p>
          <div className="button-row">
            {forward.map((to) => (
              <button
                key={to}
                type="button"
                className={
                  to === 'ready' || deployment.state === 'selected'
                    ? 'button button--primary'
                    : 'button button--secondary'
                }
                aria-disabled={busy !== null}
                onClick={() => void move(to)}
              >
                {busy === to
                  ? t('move.moving')
                  : t(moveLabel(deployment.state, to), {
                      state: t(`deploymentStates.${to}`),
                    })}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {closingNeeds.length > 0 ? (
        <p>
          {t('move.closingNeeds', {
            items: closingNeeds.map((i) => t(`move.closingItems.${i}`)).join(', '),
          })}
        </p>
      ) : null}
      {overrideTarget ? (
        <>
          <h3 id="deployment-override">
            {overrideTarget === 'closed'
              ? t('move.closeOverrideHeading')
              : t('move.overrideHeading')}
          </h3>
          <p>
            {overrideTarget === 'closed'
              ? t('move.closeOverrideIntro')
              : t('move.overrideIntro', { count: blocking, n: formatNumber(lang, blocking) })}
          </p>
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-override"
            onSubmit={onOverride}
          >
            <TextAreaField
              id={id('overrideReason')}
              label={labels.overrideReason!}
              hint={overrideTarget === 'ready' ? t('move.overrideReasonHint') : undefined}
              value={overrideReason}
              onChange={setOverrideReason}
              error={errors.error('overrideReason')}
              required
              rows={3}
            />
            <button type="submit" className="button button--primary" aria-disabled={busy !== null}>
              {busy === 'override'
                ? t('move.moving')
                : overrideTarget === 'closed'
                  ? t('move.closeOverrideSubmit')
                  : t('move.overrideSubmit')}
            </button>
          </form>
        </>
      ) : null}
      {withReason.map((to) => (
        <div key={to}>
          <h3 id={`deployment-move-${to}`}>{t(`move.reasonHeading.${to}`)}</h3>
          <p>{t(`move.reasonIntro.${to}`)}</p>
          <form
            className="form"
            noValidate
            aria-labelledby={`deployment-move-${to}`}
            onSubmit={onReasonMove(to)}
          >
            <TextAreaField
              id={id(`reason-${to}`)}
              label={labels[`reason-${to}`]!}
              value={reasons[to] ?? ''}
              onChange={(value) => setReasons((r) => ({ ...r, [to]: value }))}
              error={errors.error(`reason-${to}`)}
              required
              rows={3}
            />
            <button
              type="submit"
              className="button button--secondary"
              aria-disabled={busy !== null}
            >
              {busy === to ? t('move.moving') : t(`move.reasonSubmit.${to}`)}
            </button>
          </form>
        </div>
      ))}
    </section>
  );
}
