import { useTranslation } from 'react-i18next';
import type { CheckInStatus, MissionEvent } from '../../lib/dutyofcare.ts';
import { lateness } from '../../lib/dutyofcare.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useLang } from '../../lib/hooks.ts';

const statusTag: Record<CheckInStatus, string> = {
  ok: 'tag tag--valid',
  needs_support: 'tag tag--expiring',
  urgent: 'tag tag--overdue',
};

/** A check-in's status as a tag; the mark is text too, so colour is not the only cue. */
export function CheckInTag({ status }: { status: CheckInStatus }) {
  const { t } = useTranslation('dutyofcare');
  return (
    <span className={statusTag[status]}>
      {status !== 'ok' ? (
        <span className="tag__mark" aria-hidden="true">
          !{' '}
        </span>
      ) : null}
      {t(`checkInStatuses.${status}`)}
    </span>
  );
}

/** "Overdue by 2 h 5 min", "Overdue by 3 days", or "Due 12 March, 08:00". */
export function DueText({ dueAt, overdueMinutes }: { dueAt: string; overdueMinutes: number }) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  if (overdueMinutes <= 0) return <>{t('due.on', { at: formatDateTime(lang, dueAt) })}</>;
  const late = lateness(overdueMinutes);
  return (
    <span className="tag tag--overdue">
      <span className="tag__mark" aria-hidden="true">
        !{' '}
      </span>
      {late.days > 0
        ? t('due.overdueDays', { count: late.days, n: formatNumber(lang, late.days) })
        : t('due.overdue', { hours: late.hours, minutes: late.minutes })}
    </span>
  );
}

/** The events in force, each with its instructions in the reader's language. */
export function EventsInForce({
  events,
  actions,
}: {
  events: MissionEvent[];
  actions?: (event: MissionEvent) => React.ReactNode;
}) {
  const { t } = useTranslation('dutyofcare');
  const lang = useLang();
  if (!events.length) return null;
  return (
    <div className="notice notice--danger" role="region" aria-labelledby="events-in-force">
      <h2 id="events-in-force">{t('events.inForce')}</h2>
      {events.map((e) => (
        <div key={e.id} className="event">
          <h3>
            {t(`eventKinds.${e.kind}`)}
            {e.destination ? ` – ${t(`destinations.${e.destination}`)}` : ''}
          </h3>
          <p className="event__since">
            {t('events.since', { at: formatDateTime(lang, e.startedAt) })}
          </p>
          <p className="event__instructions">
            {lang === 'fr' ? e.instructionsFr : e.instructionsEn}
          </p>
          {actions?.(e)}
        </div>
      ))}
    </div>
  );
}
