import type { QualificationKind } from './schema.ts';

/**
 * The one documented file format for officers, used by the import, the export and the template:
 * one row per officer, with their main qualifications as columns. Headers may be written in
 * English or French (the template comes in both). Dates are YYYY-MM-DD.
 */
export interface Column {
  key: string;
  en: string;
  fr: string;
  required?: boolean;
  /** Sensitive: exported only to callers who may read sensitive fields. */
  sensitive?: boolean;
  example: string;
}

export const columns: Column[] = [
  { key: 'agencyCode', en: 'agency_code', fr: 'code_service', required: true, example: 'SQ' },
  { key: 'badgeNumber', en: 'badge_number', fr: 'matricule', required: true, example: '12345' },
  { key: 'givenName', en: 'given_name', fr: 'prenom', required: true, example: 'Marie' },
  { key: 'familyName', en: 'family_name', fr: 'nom', required: true, example: 'Tremblay' },
  { key: 'gender', en: 'gender', fr: 'genre', required: true, example: 'woman' },
  {
    key: 'dateOfBirth',
    en: 'date_of_birth',
    fr: 'date_naissance',
    sensitive: true,
    example: '1984-05-17',
  },
  { key: 'rankCode', en: 'rank', fr: 'grade', required: true, example: 'sergeant' },
  { key: 'agencyRankTitle', en: 'agency_rank_title', fr: 'titre_grade', example: 'Sergente' },
  {
    key: 'serviceStart',
    en: 'service_start',
    fr: 'debut_service',
    required: true,
    example: '2008-09-01',
  },
  { key: 'email', en: 'email', fr: 'courriel', example: 'marie.tremblay@sq.gouv.qc.ca' },
  { key: 'phone', en: 'phone', fr: 'telephone', example: '418-555-0100' },
  { key: 'preferredLanguage', en: 'preferred_language', fr: 'langue_preferee', example: 'fr' },
  { key: 'englishScore', en: 'english_score', fr: 'anglais_note', example: '72' },
  { key: 'englishTestedOn', en: 'english_tested_on', fr: 'anglais_date', example: '2025-02-10' },
  { key: 'frenchScore', en: 'french_score', fr: 'francais_note', example: '95' },
  { key: 'frenchTestedOn', en: 'french_tested_on', fr: 'francais_date', example: '2025-02-10' },
  {
    key: 'drivingLicenceSince',
    en: 'driving_licence_since',
    fr: 'permis_depuis',
    example: '2002-06-01',
  },
  {
    key: 'firearmsQualifiedOn',
    en: 'firearms_qualified_on',
    fr: 'armes_qualifie_le',
    example: '2025-04-15',
  },
  {
    key: 'firearmsExpiresOn',
    en: 'firearms_expires_on',
    fr: 'armes_expire_le',
    example: '2026-04-14',
  },
  { key: 'medicalFitOn', en: 'medical_fit_on', fr: 'medical_apte_le', example: '2025-03-01' },
  {
    key: 'medicalExpiresOn',
    en: 'medical_expires_on',
    fr: 'medical_expire_le',
    example: '2026-02-28',
  },
  {
    key: 'clearanceLevel',
    en: 'security_clearance_level',
    fr: 'cote_securite_niveau',
    sensitive: true,
    example: 'secret',
  },
  {
    key: 'clearanceGrantedOn',
    en: 'security_clearance_granted_on',
    fr: 'cote_securite_accordee_le',
    example: '2021-01-20',
  },
  {
    key: 'clearanceExpiresOn',
    en: 'security_clearance_expires_on',
    fr: 'cote_securite_expire_le',
    example: '2031-01-19',
  },
  {
    key: 'passportNumber',
    en: 'passport_number',
    fr: 'passeport_numero',
    sensitive: true,
    example: 'HK123456',
  },
  {
    key: 'passportIssuedOn',
    en: 'passport_issued_on',
    fr: 'passeport_delivre_le',
    example: '2022-07-01',
  },
  {
    key: 'passportExpiresOn',
    en: 'passport_expires_on',
    fr: 'passeport_expire_le',
    example: '2032-07-01',
  },
  { key: 'unAssessmentScore', en: 'un_assessment_score', fr: 'evaluation_onu_note', example: '78' },
  {
    key: 'unAssessmentOn',
    en: 'un_assessment_on',
    fr: 'evaluation_onu_date',
    example: '2025-05-20',
  },
  {
    key: 'specialisations',
    en: 'specialisations',
    fr: 'specialisations',
    example: 'sgbv;community_policing',
  },
];

/** The canonical key of a header, in either language (case and spaces ignored). */
export function keyOfHeader(header: string): string | null {
  const h = header.trim().toLowerCase().replace(/\s+/g, '_');
  return columns.find((c) => c.en === h || c.fr === h)?.key ?? null;
}

/** Gender values as written in either language. */
export const genderWords: Record<string, 'woman' | 'man' | 'another' | 'undisclosed'> = {
  woman: 'woman',
  femme: 'woman',
  f: 'woman',
  man: 'man',
  homme: 'man',
  m: 'man',
  another: 'another',
  autre: 'another',
  x: 'another',
  undisclosed: 'undisclosed',
  non_divulgue: 'undisclosed',
};

/** The qualification columns, as (kind, code) groups. */
export interface QualificationColumns {
  kind: QualificationKind;
  code?: string;
  codeColumn?: string;
  score?: string;
  obtained: string;
  expires?: string;
  documentNumber?: string;
}

export const qualificationColumns: QualificationColumns[] = [
  { kind: 'language', code: 'en', score: 'englishScore', obtained: 'englishTestedOn' },
  { kind: 'language', code: 'fr', score: 'frenchScore', obtained: 'frenchTestedOn' },
  { kind: 'driving_licence', obtained: 'drivingLicenceSince' },
  { kind: 'firearms', obtained: 'firearmsQualifiedOn', expires: 'firearmsExpiresOn' },
  { kind: 'medical', obtained: 'medicalFitOn', expires: 'medicalExpiresOn' },
  {
    kind: 'security_clearance',
    codeColumn: 'clearanceLevel',
    obtained: 'clearanceGrantedOn',
    expires: 'clearanceExpiresOn',
  },
  {
    kind: 'passport',
    documentNumber: 'passportNumber',
    obtained: 'passportIssuedOn',
    expires: 'passportExpiresOn',
  },
  { kind: 'un_assessment', score: 'unAssessmentScore', obtained: 'unAssessmentOn' },
];
