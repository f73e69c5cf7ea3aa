/** Duty of care: incidents (confidential) and notices to a contingent, as the API answers them. */

export type IncidentType =
  'medical' | 'security' | 'accident' | 'conduct' | 'health_exposure' | 'other';
export const incidentTypes: readonly IncidentType[] = [
  'medical',
  'security',
  'accident',
  'conduct',
  'health_exposure',
  'other',
];
export type IncidentSeverity = 'low' | 'moderate' | 'high' | 'critical';
export const incidentSeverities: readonly IncidentSeverity[] = [
  'low',
  'moderate',
  'high',
  'critical',
];
export type IncidentStatus = 'open' | 'under_review' | 'closed';
export const incidentStatuses: readonly IncidentStatus[] = ['open', 'under_review', 'closed'];

interface MissionRef {
  id: string;
  acronym: string;
  nameEn: string;
  nameFr: string;
}

export interface IncidentSummary {
  id: string;
  missionId: string;
  mission: MissionRef;
  type: IncidentType;
  severity: IncidentSeverity;
  occurredOn: string;
  place: string;
  status: IncidentStatus;
  version: number;
}

export interface Incident extends IncidentSummary {
  narrative: string;
  actions: string;
  reportedByName: string | null;
  closedAt: string | null;
  officers: Array<{ id: string; givenName: string; familyName: string }>;
  nextStatuses: IncidentStatus[];
}

/** An officer an incident of the mission may name (deployed on it). */
export interface InvolvableOfficer {
  id: string;
  givenName: string;
  familyName: string;
  state: string;
  serving: boolean;
}

export interface NoticeSummary {
  id: string;
  missionId: string | null;
  mission: MissionRef | null;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  sentAt: string;
  authorName: string | null;
  recipients: number;
  acknowledged: number;
}

export interface Notice extends NoticeSummary {
  recipientList: Array<{
    officerId: string;
    givenName: string;
    familyName: string;
    mission: { id: string; acronym: string };
    acknowledgedAt: string | null;
  }>;
}

/** A notice as its recipient sees it. */
export interface MyNotice {
  id: string;
  missionId: string | null;
  mission: MissionRef | null;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  sentAt: string;
  acknowledgedAt: string | null;
}

/** A notice's title or body in the page's language. */
export function inLang(
  lang: 'en' | 'fr',
  notice: { titleEn: string; titleFr: string; bodyEn: string; bodyFr: string },
) {
  return lang === 'fr'
    ? { title: notice.titleFr, body: notice.bodyFr }
    : { title: notice.titleEn, body: notice.bodyEn };
}
