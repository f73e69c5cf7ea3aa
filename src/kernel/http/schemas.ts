import { z } from 'zod';

/** Building blocks every module's request and response schemas share. */

/** A calendar date, 'YYYY-MM-DD'. */
export const isoDate = z.iso.date();

/** Required free text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** The paired names of bilingual reference data. */
export const bilingual = { nameEn: z.string(), nameFr: z.string() };

/** `/:id` of a record. */
export const idParams = z.object({ id: z.uuid() });
