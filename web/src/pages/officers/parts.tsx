import { useMemo, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import { i18n } from '../../i18n.ts';
import {
  sensitiveKinds,
  type Agency,
  type MissionRole,
  type Officer,
  type Qualification,
  type QualificationKind,
  type Validity,
} from '../../lib/api.ts';
import { byName, formatDate, nameIn } from '../../lib/format.ts';
import { useApi, useLang, type Loadable } from '../../lib/hooks.ts';
import { useCodeList, type CodeList } from '../../lib/reference.ts';

export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Given Family". */
export function officerName(o: { givenName: string; familyName: string }): string {
  // The retention replaced an anonymised officer's names by a neutral placeholder.
  if (o.givenName === ANONYMISED && o.familyName === ANONYMISED)
    return i18n.t('privacy:anonymised.name');
  return `${o.givenName} ${o.familyName}`;
}

/** What the retention writes instead of a name (src/modules/privacy/rules.ts PLACEHOLDER_NAME). */
const ANONYMISED = '—';

/** Security clearance levels as the program records them (import column security_clearance_level). */
export const clearanceLevels = ['reliability', 'enhanced_reliability', 'secret', 'top_secret'];

/** The agency the signed-in user is scoped to (a coordinator's, an officer's), if any. */
export function useOwnAgencyId(): string | null {
  const auth = useAuth();
  return auth.state.status === 'signedIn' ? auth.state.me.user.agencyId : null;
}

export interface Agencies {
  loaded: Loadable<Agency[]>;
  /** By name in the page's language. */
  items: Agency[];
  byId(id: string | null | undefined): Agency | undefined;
  /** The agency's name in the page's language; its code (or nothing) while unknown. */
  name(id: string | null | undefined, fallback?: string): string;
  options: Array<{ value: string; label: string }>;
}

/** The partner agencies, sorted and named in the page's language. */
export function useAgencies(refresh = 0): Agencies {
  const lang = useLang();
  const loaded = useApi<Agency[]>('/api/v1/agencies', refresh);
  return useMemo(() => {
    const items = loaded.status === 'ready' ? [...loaded.data].sort(byName<Agency>(lang)) : [];
    const byId = new Map(items.map((a) => [a.id, a]));
    return {
      loaded,
      items,
      byId: (id) => (id ? byId.get(id) : undefined),
      name: (id, fallback = '') => {
        const found = id ? byId.get(id) : undefined;
        return found ? nameIn(lang, found) : fallback;
      },
      options: items.map((a) => ({ value: a.id, label: `${nameIn(lang, a)} (${a.code})` })),
    };
  }, [loaded, lang]);
}

/**
 * A qualification's state in words (never colour alone): "Valid", "Expiring soon", "Expired",
 * "No expiry"; the expired and expiring ones also carry a mark.
 */
export function ValidityTag({ validity }: { validity: Validity }) {
  const { t } = useTranslation('people');
  return (
    <span className={`tag tag--${validity.replace('_', '-')}`}>
      {validity === 'expired' || validity === 'expiring' ? (
        <span className="tag__mark" aria-hidden="true">
          !{' '}
        </span>
      ) : null}
      {t(`validity.${validity}`)}
    </span>
  );
}

/** The name of a qualification's code: a language, a specialisation, a clearance level... */
export function codeName(
  t: TFunction,
  kind: QualificationKind,
  code: string,
  roles: CodeList<MissionRole>,
): string {
  if (!code) return '';
  switch (kind) {
    case 'language':
      return t('reference:languages.' + code, { defaultValue: code.toUpperCase() });
    case 'specialisation':
    case 'skill':
      return roles.name(code);
    case 'security_clearance':
      return t('people:clearanceLevels.' + code, { defaultValue: code });
    default:
      return code;
  }
}

/** "French language test", "Security clearance: Secret", "Specialisation: SGBV". */
export function qualificationTitle(
  t: TFunction,
  q: Pick<Qualification, 'kind' | 'code'>,
  roles: CodeList<MissionRole>,
): string {
  const kind = t(`people:kinds.${q.kind}`);
  const code = codeName(t, q.kind, q.code, roles);
  if (!code) return kind;
  if (q.kind === 'language') return t('people:qualification.languageTest', { language: code });
  return t('people:qualification.withCode', { kind, code });
}

/** A qualification's result and detail, in words. */
export function QualificationResult({
  q,
  sensitiveVisible,
}: {
  q: Qualification;
  sensitiveVisible: boolean;
}) {
  const { t } = useTranslation('people');
  const parts: string[] = [];
  if (q.score !== null) parts.push(t('qualification.score', { score: q.score }));
  if (q.passed !== null)
    parts.push(q.passed ? t('qualification.passed') : t('qualification.failed'));
  const hiddenDetail = !sensitiveVisible && q.detail === null && sensitiveKinds.includes(q.kind);
  return (
    <>
      {parts.length > 0 ? parts.join(' – ') : null}
      {q.detail ? (
        <>
          {parts.length > 0 ? <br /> : null}
          <span className="prewrap">{q.detail}</span>
        </>
      ) : null}
      {hiddenDetail ? (
        <>
          {parts.length > 0 ? <br /> : null}
          <span className="secondary">{t('sensitive.detailNotShown')}</span>
        </>
      ) : null}
      {parts.length === 0 && !q.detail && !hiddenDetail ? '—' : null}
    </>
  );
}

/** Qualifications in a stable, readable order: by kind (in the register's order), then code. */
export function sortedQualifications(qualifications: Qualification[]): Qualification[] {
  const order: QualificationKind[] = [
    'un_assessment',
    'language',
    'passport',
    'medical',
    'security_clearance',
    'firearms',
    'driving_licence',
    'visa',
    'vaccination',
    'specialisation',
    'skill',
  ];
  return [...qualifications].sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.code.localeCompare(b.code) ||
      b.obtainedOn.localeCompare(a.obtainedOn),
  );
}

/** The specialisations and roles in mission, for codes and selects. */
export function useRoles() {
  return useCodeList<MissionRole>('mission-roles');
}

/** The officer's details as a term/value list (identity, service). */
export function identityRows(
  t: TFunction,
  lang: 'en' | 'fr',
  officer: Officer,
  agencyName: ReactNode,
  rankName: string,
): Array<[string, ReactNode]> {
  return [
    [t('people:fields.agency'), agencyName],
    [t('people:fields.badgeNumber'), officer.badgeNumber],
    [t('people:fields.gender'), t(`people:genders.${officer.gender}`)],
    [
      t('people:fields.dateOfBirth'),
      officer.dateOfBirth ? (
        formatDate(lang, officer.dateOfBirth)
      ) : officer.sensitiveVisible ? (
        t('people:detail.notRecorded')
      ) : (
        <span className="secondary">{t('people:sensitive.dateOfBirth')}</span>
      ),
    ],
    [
      t('people:fields.rank'),
      officer.agencyRankTitle &&
      officer.agencyRankTitle.toLocaleLowerCase() !== rankName.toLocaleLowerCase()
        ? t('people:detail.rankWithTitle', { rank: rankName, title: officer.agencyRankTitle })
        : rankName,
    ],
    [t('people:fields.serviceStart'), formatDate(lang, officer.serviceStart)],
    [
      t('people:fields.yearsOfService'),
      t('people:detail.years', { count: officer.yearsOfService }),
    ],
    [t('people:fields.preferredLanguage'), t(`reference:languages.${officer.preferredLanguage}`)],
  ];
}

/** A list of terms and values. */
export function DetailsList({ rows }: { rows: Array<[string, ReactNode]> }) {
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
