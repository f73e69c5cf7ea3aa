import { AppError } from '../../kernel/errors.ts';
import type { DecisionOutcome } from '../requests/schema.ts';
import { partners, type Partner } from '../users/schema.ts';
import type { Stance } from './schema.ts';

/**
 * When the positions allow a decision. `unanimous` (the default): all three partners support,
 * with or without conditions, to approve; one opposition is enough to decline. `majority`: two of
 * three decide either way.
 */
export const decisionRules = ['unanimous', 'majority'] as const;
export type DecisionRule = (typeof decisionRules)[number];

export interface PositionLike {
  partner: Partner;
  stance: Stance;
}

export type Verdict =
  | { allowed: true }
  | { allowed: false; reason: 'positions_missing'; missing: Partner[] }
  | { allowed: false; reason: 'positions_disagree' };

export function verdictOf(
  rule: DecisionRule,
  positions: readonly PositionLike[],
  outcome: DecisionOutcome,
): Verdict {
  const recorded = new Set(positions.map((p) => p.partner));
  const missing = partners.filter((p) => !recorded.has(p));
  const supports = positions.filter((p) => p.stance !== 'oppose').length;
  const opposes = positions.length - supports;
  const needed = rule === 'unanimous' ? partners.length : Math.floor(partners.length / 2) + 1;
  const neededToBlock = partners.length - needed + 1;
  const approving = outcome !== 'declined';
  if (approving ? supports >= needed : opposes >= neededToBlock) return { allowed: true };
  // Could the missing positions still make it possible? Then they are what is missing.
  const reachable = approving
    ? supports + missing.length >= needed
    : opposes + missing.length >= neededToBlock;
  return reachable && missing.length
    ? { allowed: false, reason: 'positions_missing', missing }
    : { allowed: false, reason: 'positions_disagree' };
}

/** Refuse a decision the positions do not allow, saying why. */
export function assertDecisionAllowed(
  rule: DecisionRule,
  positions: readonly PositionLike[],
  outcome: DecisionOutcome,
) {
  const verdict = verdictOf(rule, positions, outcome);
  if (verdict.allowed) return;
  if (verdict.reason === 'positions_missing')
    throw new AppError('decision_positions_missing', {
      partners: { keys: verdict.missing.map((p) => `requests:partners.${p}`) },
    });
  throw new AppError('decision_positions_disagree', {
    outcome,
    rule: { keys: [`requests:rules.${rule}`] },
  });
}

/** The fields an outcome needs: a ceiling to approve, conditions to approve with conditions. */
export function decisionFieldErrors(d: {
  outcome: DecisionOutcome;
  ceiling?: number | null | undefined;
  conditions?: string | null | undefined;
}) {
  const errors: Array<{ path: string; code: string }> = [];
  if (d.outcome !== 'declined' && !d.ceiling)
    errors.push({ path: 'ceiling', code: 'decision.ceiling_required' });
  if (d.outcome === 'approved_with_conditions' && !d.conditions?.trim())
    errors.push({ path: 'conditions', code: 'decision.conditions_required' });
  return errors;
}
