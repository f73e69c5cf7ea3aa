import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { missionLocations, missionRoles, missions, postTypes } from '../reference/schema.ts';
import { requestLines, type LanguageRequirement } from '../requests/schema.ts';

/** A post's life: vacant until someone fills it; cancelled posts no longer count to the ceiling. */
export const postStatuses = ['vacant', 'filled', 'cancelled'] as const;
export type PostStatus = (typeof postStatuses)[number];

/** What an officer must bring to a post (copied from the request line it comes from). */
export interface PostRequirements {
  languages: LanguageRequirement[];
  minRankCode: string | null;
  minYearsService: number | null;
  skills: string[];
  womenSought: boolean;
}

/** A position in a mission for one tour: role, place, requirements, dates. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    /** Order within the mission: the post's reference reads MINUSMA-007. */
    seq: integer('seq').notNull(),
    /** The approved request line it comes from (null only for history imported from before). */
    requestLineId: uuid('request_line_id').references(() => requestLines.id),
    postTypeCode: text('post_type_code')
      .notNull()
      .references(() => postTypes.code),
    teamCode: text('team_code').references(() => missionRoles.code),
    locationId: uuid('location_id').references(() => missionLocations.id),
    requirements: jsonb('requirements').$type<PostRequirements>().notNull(),
    tourStart: date('tour_start').notNull(),
    tourEnd: date('tour_end').notNull(),
    status: text('status', { enum: postStatuses }).notNull().default('vacant'),
    /** The post this one takes over from (a rotation): gaps and overlaps are measured between them. */
    succeedsPostId: uuid('succeeds_post_id').references((): AnyPgColumn => posts.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('posts_mission_seq_uq').on(t.missionId, t.seq),
    check('posts_status_ck', sql`${t.status} in ('vacant','filled','cancelled')`),
    check('posts_tour_ck', sql`${t.tourEnd} > ${t.tourStart}`),
    index('posts_mission_idx').on(t.missionId, t.tourStart),
    index('posts_line_idx').on(t.requestLineId),
  ],
);
