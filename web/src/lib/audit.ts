/** The audit viewer's API shapes and links. */

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string | null; displayName: string | null; role: string | null } | null;
  action: string;
  recordType: string;
  recordId: string | null;
  outcome: 'ok' | 'denied';
  changes: AuditChange[];
  requestId: string | null;
}

export interface AuditEntryDetail extends AuditEntry {
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: {
    seq: number;
    reason: 'content_changed' | 'link_broken';
    at: string | null;
    action: string | null;
  } | null;
}

export const auditFilterNames = [
  'actor',
  'recordType',
  'recordId',
  'action',
  'outcome',
  'from',
  'to',
] as const;

/** The "Sensitive reads" quick filter: the same actions as the server's rule. */
export const sensitiveReadsFilter = '*.read_sensitive,incident.read,*.export_sensitive';

/** The CSV export of the entries the filters select, in the page's language (its file name). */
export function auditExportHref(lang: string, filters: Record<string, string>): string {
  const query = new URLSearchParams({ lang });
  for (const name of auditFilterNames) if (filters[name]) query.set(name, filters[name]);
  return `/api/v1/audit/export?${query.toString()}`;
}

/** A before or after value as text: strings as they are, anything else as JSON, none as a dash. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}
