import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeadlineState, Outcome, RequestStatus } from '../../lib/api.ts';

/**
 * How close the response deadline is, in words (never colour alone): "Overdue", "Due today",
 * "Due soon", "On time". Nothing once the request is decided or withdrawn.
 */
export function DeadlineTag({ deadline }: { deadline: DeadlineState | null }) {
  const { t } = useTranslation('requests');
  if (!deadline) return <>{t('list.noDeadline')}</>;
  return (
    <span className={`tag tag--${deadline.replace('_', '-')}`}>
      {deadline === 'overdue' || deadline === 'due_today' ? (
        <span className="tag__mark" aria-hidden="true">
          !{' '}
        </span>
      ) : null}
      {t(`deadlines.${deadline}`)}
    </span>
  );
}

/** A request's status, and the outcome once decided: "Decided: Approved". */
export function statusText(t: TFunction, status: RequestStatus, outcome: Outcome | null): string {
  const s = t(`requests:statuses.${status}`);
  return status === 'decided' && outcome
    ? t('requests:statusWithOutcome', { status: s, outcome: t(`requests:outcomes.${outcome}`) })
    : s;
}
