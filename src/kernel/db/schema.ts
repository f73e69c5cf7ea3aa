/** Every table, for Drizzle's relational queries and drizzle-kit. Modules add their schema here. */
export * from '../audit/schema.ts';
export * from '../../modules/reference/schema.ts';
export * from '../../modules/users/schema.ts';
export * from '../../modules/requests/schema.ts';
export * from '../../modules/decisions/schema.ts';
export * from '../../modules/missions/schema.ts';
export * from '../../modules/evaluations/schema.ts';
export * from '../../modules/officers/schema.ts';
export * from '../mail/schema.ts';
export * from '../../modules/calls/schema.ts';
export * from '../../modules/deployments/schema.ts';
export * from '../../modules/training/schema.ts';
export * from '../../modules/events/schema.ts';
export * from '../../modules/checkins/schema.ts';
export * from '../../modules/incidents/schema.ts';
export * from '../../modules/notices/schema.ts';
export * from '../../modules/uncontributions/schema.ts';
