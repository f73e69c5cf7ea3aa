import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors.ts';
import { translator, type Locale } from '../i18n.ts';

/** The body of every error answer. */
export const errorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Stable code: clients branch on it; never translated.' }),
      message: z
        .string()
        .meta({ description: "In the caller's language (Accept-Language: en or fr)." }),
      requestId: z.string(),
      fields: z
        .array(
          z.object({
            path: z.string(),
            code: z.string(),
            message: z.string(),
            line: z.number().int().optional(),
            column: z.string().optional(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

type ZodIssueLike = { keyword: string; instancePath: string; params: Record<string, unknown> };

/** A Zod issue as a stable sub-code and its parameters (translated in errors.json `validation.*`). */
export function fieldErrorOf(issue: ZodIssueLike, context?: string): FieldError {
  const p = issue.params;
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || context || '';
  switch (issue.keyword) {
    case 'invalid_type':
      return p.input === undefined || p.received === 'undefined'
        ? { path, code: 'validation.required' }
        : { path, code: 'validation.invalid_type', params: { expected: p.expected } };
    case 'too_small':
      return p.origin === 'string' && p.minimum === 1
        ? { path, code: 'validation.required' }
        : {
            path,
            code:
              p.origin === 'string' ? 'validation.too_small_string' : 'validation.too_small_number',
            params: { minimum: p.minimum },
          };
    case 'too_big':
      return {
        path,
        code: p.origin === 'string' ? 'validation.too_big_string' : 'validation.too_big_number',
        params: { maximum: p.maximum },
      };
    case 'invalid_format':
      return p.format === 'email' || p.format === 'uuid'
        ? { path, code: `validation.invalid_format_${p.format}` }
        : { path, code: 'validation.invalid_format' };
    case 'invalid_value':
      return {
        path,
        code: 'validation.invalid_value',
        params: { options: ((p.values as unknown[]) ?? []).join(', ') },
      };
    case 'unrecognized_keys':
      return {
        path,
        code: 'validation.unrecognized_keys',
        params: { keys: ((p.keys as unknown[]) ?? []).join(', ') },
      };
    default:
      return { path, code: 'validation.invalid' };
  }
}

/** A database error (node-postgres or PGlite), possibly wrapped by Drizzle. */
function databaseErrorOf(
  error: unknown,
): { code: string; detail?: string; constraint?: string } | null {
  for (
    let e = error as
      { code?: unknown; detail?: unknown; constraint?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      return {
        code: e.code,
        ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
        ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
      };
  }
  return null;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Constraint violations the schema checks did not catch (a code that does not exist, a value a
 * check refuses) are the caller's mistake: answer 400 or 409 with the field, never 500.
 */
export function constraintErrorOf(error: unknown): AppError | null {
  const db = databaseErrorOf(error);
  if (!db) return null;
  const key = /Key \(([^)]+)\)=\(([^)]*)\)/.exec(db.detail ?? '');
  const field = key ? camel(key[1]!) : '';
  switch (db.code) {
    case '23503': // foreign_key_violation
      return new AppError('unknown_reference', { field, value: key?.[2] ?? '' });
    case '23505': // unique_violation
      return new AppError('conflict', { detail: field });
    case '23P01': // exclusion_violation: the one on deployments keeps an officer's tours apart
      return new AppError(
        db.constraint === 'deployments_no_overlap' ? 'deployment_overlap' : 'conflict',
      );
    case '23514': // check_violation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22021': // character_not_in_repertoire
    case '22P02': // invalid_text_representation
    case '22P05': // untranslatable_character
      // Data exceptions a value the schemas let through can still raise: a number too large
      // for its column, text too long, a NUL character (text cannot hold one), bad syntax.
      return new AppError('validation_failed');
  }
  return null;
}

/** Fastify's own errors, mapped to our codes. */
function appErrorOf(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const constraint = constraintErrorOf(error);
  if (constraint) return constraint;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    return new AppError(
      'validation_failed',
      {},
      error.validation.map((issue) => fieldErrorOf(issue as ZodIssueLike, context)),
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_VALIDATION':
      return new AppError('validation_failed');
  }
  if (error.statusCode === 429) return new AppError('rate_limited');
  if (error instanceof SyntaxError || error.statusCode === 400)
    return new AppError('validation_failed');
  return new AppError('internal');
}

/**
 * Parameters are values (numbers, codes the user typed) except lists of translation keys, given
 * as `{ keys: [...] }`, which read in the caller's language ("Public Safety Canada, RCMP").
 */
function paramsIn(t: ReturnType<typeof translator>, params: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const keys = (value as { keys?: unknown } | null)?.keys;
      return [name, Array.isArray(keys) ? keys.map((k) => t(String(k))).join(', ') : value];
    }),
  );
}

export function errorPayload(error: AppError, locale: Locale, requestId: string) {
  const t = translator(locale);
  return {
    error: {
      code: error.code,
      message: t(error.code, { ...paramsIn(t, error.params), requestId }),
      requestId,
      ...(error.fields
        ? {
            fields: error.fields.map((f) => ({
              path: f.path,
              code: f.code,
              message: t(f.code, f.params ?? {}),
              ...(f.line !== undefined ? { line: f.line, column: f.column ?? '' } : {}),
            })),
          }
        : {}),
    },
  };
}

/**
 * What an error answers: its status and its payload in the caller's language. An internal error
 * is logged here, without values: driver messages can carry query parameters (personal data).
 */
export function errorResponse(error: unknown, request: FastifyRequest) {
  const appError = appErrorOf(error as FastifyError);
  if (appError.code === 'internal') {
    const e = error as FastifyError;
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    request.log.error(
      {
        err: {
          name: e.name,
          code: e.code ?? cause?.code,
          stack: e.stack?.split('\n').slice(1, 6).join('\n'),
        },
      },
      'request failed',
    );
  }
  return {
    appError,
    status: appError.status,
    payload: errorPayload(appError, request.locale, request.id),
  };
}

/** The one error handler: stable code, status from the table, message in the caller's language. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { appError, status, payload } = errorResponse(error, request);
  if (appError.code === 'account_locked' && appError.params.retryAfterSeconds) {
    reply.header('retry-after', String(appError.params.retryAfterSeconds));
  }
  return reply.status(status).send(payload);
}
