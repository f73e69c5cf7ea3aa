/** Every table, for Drizzle's relational queries and drizzle-kit. Modules add their schema here. */
export * from '../audit/schema.ts';
export * from '../../modules/reference/schema.ts';
export * from '../../modules/users/schema.ts';
