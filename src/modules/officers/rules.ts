import { addDays, daysBetween, type IsoDate } from '../../kernel/dates.ts';
import type { QualificationKind } from './schema.ts';

/** Whole years of police service on a date. */
export function yearsOfService(serviceStart: IsoDate, on: IsoDate): number {
  const [sy, sm, sd] = serviceStart.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const years = y - sy - (m < sm || (m === sm && d < sd) ? 1 : 0);
  return Math.max(0, years);
}

/** The UN pass mark for language tests and the selection assessment, in percent. */
export const UN_PASS_MARK = 60;
/** A UN selection assessment (SAAT/AMS) stays valid this many months. */
export const UN_ASSESSMENT_VALIDITY_MONTHS = 24;

/** The expiry a qualification gets when none is given: the UN assessment's 24 months. */
export function defaultExpiryOf(kind: QualificationKind, obtainedOn: IsoDate): IsoDate | null {
  if (kind !== 'un_assessment') return null;
  const [y, m, d] = obtainedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + UN_ASSESSMENT_VALIDITY_MONTHS, d));
  return addDays(end.toISOString().slice(0, 10), -1);
}

/** Whether a scored qualification passed: the UN mark unless the result says otherwise. */
export function passedOf(kind: QualificationKind, score: number | null, passed: boolean | null) {
  if (passed !== null) return passed;
  if ((kind === 'language' || kind === 'un_assessment') && score !== null)
    return score >= UN_PASS_MARK;
  return null;
}

export type ValidityState = 'valid' | 'expiring' | 'expired' | 'no_expiry';

/** A qualification's state on a date, "expiring" within `warningDays` of its expiry. */
export function validityOf(
  expiresOn: IsoDate | null,
  on: IsoDate,
  warningDays: number,
): ValidityState {
  if (!expiresOn) return 'no_expiry';
  const left = daysBetween(on, expiresOn);
  if (left < 0) return 'expired';
  return left <= warningDays ? 'expiring' : 'valid';
}

/** Qualification kinds whose detail is sensitive (medical, security clearance, passport). */
export const sensitiveKinds: readonly QualificationKind[] = [
  'medical',
  'security_clearance',
  'passport',
];

/**
 * The officer as a caller without access to sensitive fields sees them: no date of birth, no
 * emergency contacts or next of kin, no passport number, no medical or clearance detail. The
 * qualification itself (kind, validity) stays: an agency needs to know it is valid.
 */
export function withoutSensitive<
  O extends { dateOfBirth: string | null; contacts: unknown },
  Q extends { documentNumber: string | null; detail: string | null; kind: QualificationKind },
>(
  officer: O,
  qualifications: Q[],
): {
  officer: Omit<O, 'dateOfBirth' | 'contacts'> & { dateOfBirth: null; contacts: null };
  qualifications: Q[];
} {
  return {
    officer: { ...officer, dateOfBirth: null, contacts: null },
    qualifications: qualifications.map((q) => ({
      ...q,
      documentNumber: null,
      detail: sensitiveKinds.includes(q.kind) ? null : q.detail,
    })),
  };
}

/**
 * The names (never the values) of the sensitive fields a record as shown carries: what an audit
 * entry of the read says was disclosed. Empty when nothing sensitive is on file.
 */
export function sensitiveFieldsOf(
  officer: { dateOfBirth: string | null; contacts: Array<{ nextOfKin: boolean }> | null },
  qualifications: Array<{
    kind: QualificationKind;
    documentNumber: string | null;
    detail: string | null;
  }>,
): string[] {
  const fields = new Set<string>();
  if (officer.dateOfBirth) fields.add('dateOfBirth');
  if (officer.contacts?.length) fields.add('emergencyContacts');
  if (officer.contacts?.some((c) => c.nextOfKin)) fields.add('nextOfKin');
  for (const q of qualifications) {
    if (q.documentNumber) fields.add(`${q.kind}.documentNumber`);
    if (q.detail && sensitiveKinds.includes(q.kind)) fields.add(`${q.kind}.detail`);
  }
  return [...fields].sort();
}

const accented = 'àâäáãåāçćčéèêëēėęíìîïīñńóòôöõøōúùûüūýÿšžł’';
const plain = "aaaaaaaccceeeeeeeiiiiinnooooooouuuuuyyszl'";

/**
 * A name as search compares it: lower case, accents off, ligatures spelled out ("Gélinas-Bœuf"
 * becomes "gelinas-boeuf"). The database's fold_name (migration 0007) does the same, character
 * for character, so a folded query word is a prefix of a folded name in the index.
 */
export function foldName(name: string): string {
  let folded = '';
  for (const c of name.toLowerCase()) {
    const i = accented.indexOf(c);
    folded += i >= 0 ? plain[i] : c;
  }
  return folded.replaceAll('œ', 'oe').replaceAll('æ', 'ae');
}
