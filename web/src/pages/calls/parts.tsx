import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import type { ApplicationStatus, CallStatus, ScreeningOutcome } from '../../lib/calls.ts';
import { formatDate, nameIn } from '../../lib/format.ts';
import type { Lang } from '../../lib/lang.ts';

/** The signed-in user's role, for wording only (what they may do comes from `auth.can`). */
export function useRole(): string | null {
  const auth = useAuth();
  return auth.state.status === 'signedIn' ? auth.state.me.user.role : null;
}

/** "Given Family". */
export function personName(o: { givenName: string; familyName: string }): string {
  return `${o.givenName} ${o.familyName}`;
}

/** "MINUSMA – United Nations ... in Mali". */
export function missionLabel(
  lang: Lang,
  mission: { acronym: string; nameEn: string; nameFr: string },
): string {
  return `${mission.acronym} – ${nameIn(lang, mission)}`;
}

/** "1 March 2027 to 28 February 2028". */
export function tourText(t: TFunction, lang: Lang, start: string, end: string): string {
  return t('calls:tour', { start: formatDate(lang, start), end: formatDate(lang, end) });
}

const callTag: Record<CallStatus, string> = {
  open: 'tag tag--post-vacant',
  closed: 'tag tag--pending',
  ratified: 'tag tag--in-force',
  cancelled: 'tag tag--post-cancelled',
};

/** A call's status in words, with a border style (never colour alone). */
export function CallStatusTag({ status }: { status: CallStatus }) {
  const { t } = useTranslation('calls');
  return <span className={callTag[status]}>{t(`statuses.${status}`)}</span>;
}

const applicationTag: Record<ApplicationStatus, string> = {
  submitted: 'tag tag--due-soon',
  endorsed: 'tag',
  not_released: 'tag tag--pending',
  screened_in: 'tag tag--post-vacant',
  screened_out: 'tag tag--oppose',
  assessed: 'tag tag--post-vacant',
  selected: 'tag tag--in-force',
  reserve: 'tag',
  not_selected: 'tag tag--pending',
  withdrawn: 'tag tag--pending',
};

/** An application's status in words. */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('calls');
  return <span className={applicationTag[status]}>{t(`applicationStatuses.${status}`)}</span>;
}

/** A screening outcome in words ("Meets", "Does not meet", "To confirm"), with a mark for "not". */
export function OutcomeTag({ outcome }: { outcome: ScreeningOutcome }) {
  const { t } = useTranslation('calls');
  const className =
    outcome === 'fail' ? 'tag tag--oppose' : outcome === 'unknown' ? 'tag tag--pending' : 'tag';
  return (
    <span className={className}>
      {outcome === 'fail' ? (
        <span className="tag__mark" aria-hidden="true">
          !{' '}
        </span>
      ) : null}
      {t(`screening:outcomes.${outcome}`)}
    </span>
  );
}

/** A list of terms and values. */
export function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="details-list">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Why a write failed, as words: the server's message, or the network's. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof Error && error.name === 'ApiError') return error.message;
  return t(
    error instanceof Error && error.name === 'NetworkError'
      ? 'common:errors.network'
      : 'common:errors.unexpected',
  );
}
