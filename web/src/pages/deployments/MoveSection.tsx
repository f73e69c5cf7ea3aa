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
 * unless a program administrator marks it ready anyway with a reason. Withdrawing needs a reason.
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
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const moves = deployment.nextStates ?? [];
  const forward = moves.filter((s) => s !== 'withdrawn');
  const { blocking } = deployment.readiness;
  // The server lets only a program administrator override; the ability is not separate yet.
  const overridable = role === 'program_admin' && moves.includes('ready') && blocking > 0;
  const labels: Record<string, string> = {
    reason: t('move.withdrawReason'),
    overrideReason: t('move.overrideReason'),
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
      setReason('');
      setOverrideReason('');
      onDone(
        extra.override
          ? t('move.overridden', { count: blocking, n: formatNumber(lang, blocking) })
          : t('move.done', { state: t(`deploymentStates.${to}`) }),
      );
    } catch (error) {
      setBusy(null);
      errors.fail(withFieldPaths(error, (p) => (p === 'override.reason' ? 'overrideReason' : p)));
      if (error instanceof ApiError && error.status === 409) onStale();
    }
  }

  function onWithdraw(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return errors.show({ reason: t('move.reasonRequired') }, null);
    void move('withdrawn', { reason: reason.trim() });
  }

  function onOverride(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!overrideReason.trim())
      return errors.show({ overrideReason: t('move.reasonRequired') }, null);
    void move('ready', { override: { reason: overrideReason.trim() } });
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
      {overridable ? (
        <>
          <h3 id="deployment-override">{t('move.overrideHeading')}</h3>
          <p>{t('move.overrideIntro', { count: blocking, n: formatNumber(lang, blocking) })}</p>
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-override"
            onSubmit={onOverride}
          >
            <TextAreaField
              id={id('overrideReason')}
              label={labels.overrideReason!}
              hint={t('move.overrideReasonHint')}
              value={overrideReason}
              onChange={setOverrideReason}
              error={errors.error('overrideReason')}
              required
              rows={3}
            />
            <button type="submit" className="button button--primary" aria-disabled={busy !== null}>
              {busy === 'override' ? t('move.moving') : t('move.overrideSubmit')}
            </button>
          </form>
        </>
      ) : null}
      {moves.includes('withdrawn') ? (
        <>
          <h3 id="deployment-withdraw">{t('move.withdrawHeading')}</h3>
          <p>{t('move.withdrawIntro')}</p>
          <form
            className="form"
            noValidate
            aria-labelledby="deployment-withdraw"
            onSubmit={onWithdraw}
          >
            <TextAreaField
              id={id('reason')}
              label={labels.reason!}
              value={reason}
              onChange={setReason}
              error={errors.error('reason')}
              required
              rows={3}
            />
            <button
              type="submit"
              className="button button--secondary"
              aria-disabled={busy !== null}
            >
              {busy === 'withdrawn' ? t('move.moving') : t('move.withdrawSubmit')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
