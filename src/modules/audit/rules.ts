/**
 * Pure rules of the audit viewer: how an action filter reads, how an entry's changes are shown,
 * which actions are reads of sensitive data.
 */

/** The actions the "Sensitive reads" quick filter selects. */
export const sensitiveReadActions = ['*.read_sensitive', 'incident.read', '*.export_sensitive'];

/**
 * An action filter as LIKE patterns: a comma-separated list of actions, each exact
 * (`officer.update`), a prefix ending in a dot (`officer.`), or with `*` wildcards
 * (`*.read_sensitive`). LIKE's own wildcards (`%`, `_`) and backslashes are taken literally.
 */
export function actionPatterns(filter: string): string[] {
  return filter
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      const escaped = p.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
      return p.endsWith('.') ? `${escaped}%` : escaped;
    });
}

/** Whether an action matches a filter (the same rule as the database's LIKE, for tests and the UI). */
export function actionMatches(action: string, filter: string): boolean {
  return actionPatterns(filter).some((pattern) => {
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else if (c === '%') re += '.*';
      else if (c === '_') re += '.';
      else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`, 's').test(action);
  });
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * An entry's stored changes (`{field: [before, after]}`) as a list of before/after pairs, in
 * field order. Anything else stored there (older or unusual shapes) shows as the "after" value.
 */
export function changesOf(stored: unknown): Change[] {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return [];
  return Object.entries(stored as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, value]) =>
      Array.isArray(value) && value.length === 2
        ? { field, before: value[0] ?? null, after: value[1] ?? null }
        : { field, before: null, after: value ?? null },
    );
}

/** The UUID form: an actor filter that is one is an account id, anything else a name or e-mail. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A text searched with ILIKE as a substring, its own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A value a spreadsheet would run as a formula is written as text (CSV injection). */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
