import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import type { Database } from './kernel/db/client.ts';
import { AppError } from './kernel/errors.ts';
import { registerRequestContext } from './kernel/http/context.ts';
import { errorBody, errorPayload, handleError } from './kernel/http/errors.ts';
import { pickLocale } from './kernel/i18n.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './kernel/auth/sessions.ts';
import { accountRoutes } from './modules/account/routes.ts';
import { oidcRoutes } from './modules/account/oidc-routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { importRunRoutes } from './kernel/imports/routes.ts';
import { referenceRoutes } from './modules/reference/routes.ts';
import { missionRoutes } from './modules/missions/routes.ts';
import { requestRoutes } from './modules/requests/routes.ts';
import { decisionRoutes } from './modules/decisions/routes.ts';
import { evaluationRoutes } from './modules/evaluations/routes.ts';
import { officerRoutes } from './modules/officers/routes.ts';
import { callRoutes } from './modules/calls/routes.ts';
import { selectionRoutes } from './modules/selection/routes.ts';
import { trainingRoutes } from './modules/training/routes.ts';
import { deploymentRoutes } from './modules/deployments/routes.ts';
import { missionEventRoutes } from './modules/events/routes.ts';
import { checkInRoutes } from './modules/checkins/routes.ts';
import { incidentRoutes } from './modules/incidents/routes.ts';
import { noticeRoutes } from './modules/notices/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { agencyRoutes } from './modules/agencies/routes.ts';
import { unContributionRoutes } from './modules/uncontributions/routes.ts';
import { pastTourRoutes } from './modules/pasttours/routes.ts';
import { statisticsRoutes } from './modules/statistics/routes.ts';
import { statisticsCache } from './modules/statistics/statistics.ts';
import { userRoutes } from './modules/users/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { currentSettings, seedSettings } from './modules/settings/settings.ts';
import { createMailer } from './kernel/mail/mail.ts';
import { startJobs } from './kernel/jobs/jobs.ts';
import { dutyOfCareOf, escalateMissedCheckIns } from './modules/checkins/checkins.ts';
import { queueTrainingReminders } from './modules/training/reminders.ts';
import { queueNoticeReminders } from './modules/notices/reminders.ts';
import { privacyRoutes } from './modules/privacy/routes.ts';
import { runRetention } from './modules/privacy/retention.ts';

export type App = FastifyInstance;

export interface RouteEntry {
  method: string;
  url: string;
  action: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
}

export interface BuildOptions {
  database: Database;
  config: Config;
  clock?: Clock;
  /** false silences the request log (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Start the job queue (scheduled reminders, e-mail retries): the server does, tests may. */
  jobs?: boolean;
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
const errorStatuses = [400, 401, 403, 404, 409, 413, 415, 429, 500, 503] as const;

export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const tls = config.publicUrl?.startsWith('https:') ?? false;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Never personal data in the application log: no bodies, no cookies, no query strings.
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'req.headers["x-csrf-token"]',
            ],
            serializers: {
              req: (req) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
            },
          },
    genReqId: () => crypto.randomUUID(),
    trustProxy: process.env.TRUST_PROXY === '1',
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    // Errors the router raises before any hook runs (a path parameter longer than 100
    // characters, a malformed percent-encoding): our error body in the caller's language, not
    // Fastify's own (which quotes the path back).
    frameworkErrors: (error, request, reply: FastifyReply) => {
      // The query is not parsed yet: read ?lang= from the raw URL.
      const lang = /[?&]lang=(en|fr)(&|$)/.exec(request.raw.url ?? '')?.[1];
      const locale = pickLocale(request.headers['accept-language'], lang);
      const appError = new AppError(
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' || error.code === 'FST_ERR_BAD_URL'
          ? 'not_found'
          : 'validation_failed',
      );
      return reply
        .status(appError.status)
        .header('cache-control', 'no-store')
        .send(errorPayload(appError, locale, request.id));
    },
  }).withTypeProvider<ZodTypeProvider>();

  const mailer = createMailer(() => options.database.db, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
  });
  // The program settings: version 1 of each from the environment on first start.
  await seedSettings(options.database.db, config, (options.clock ?? systemClock).now());
  app.decorate('ctx', {
    database: options.database,
    config,
    clock: options.clock ?? systemClock,
    shuttingDown: false,
    mailer,
    jobs: null,
  });
  // Background work: with the job queue (the server), e-mail is retried each minute and the
  // training reminders run daily, once across instances; without it (tests), a timer retries
  // e-mail in this process.
  const systemContext = () => ({
    actorId: null,
    actorRole: 'system',
    requestId: null,
    now: (options.clock ?? systemClock).now(),
  });
  const jobs = options.jobs
    ? await startJobs(
        options.database,
        [
          { name: 'mail.deliver', cron: '* * * * *', run: async () => mailer?.deliver() },
          {
            name: 'checkins.escalate',
            cron: config.checkInEscalationCron,
            run: async () => {
              await escalateMissedCheckIns(
                options.database.db,
                systemContext(),
                dutyOfCareOf(config, await currentSettings(options.database.db, config)),
              );
              await mailer?.deliver();
            },
          },
          {
            name: 'training.reminders',
            cron: config.reminderCron,
            run: async () => {
              await queueTrainingReminders(options.database.db, systemContext(), {
                sessionDays: config.sessionReminderDays,
                certificateDays: config.certificateReminderDays,
                appUrl: config.appUrl,
              });
              await mailer?.deliver();
            },
          },
          {
            name: 'notices.reminders',
            cron: config.noticeReminderCron,
            run: async () => {
              await queueNoticeReminders(options.database.db, systemContext(), {
                afterHours: config.noticeReminderHours,
                appUrl: config.appUrl,
              });
              await mailer?.deliver();
            },
          },
          {
            name: 'privacy.retention',
            cron: config.retentionCron,
            run: () =>
              runRetention(options.database.db, systemContext(), { years: config.retentionYears }),
          },
        ],
        // The queue's own errors, without their text (it may quote SQL values).
        (error) => app.log.error({ err: { name: error.name } }, 'job queue error'),
      )
    : null;
  app.ctx.jobs = jobs;
  const retry =
    mailer && !jobs
      ? setInterval(() => void mailer.deliver().catch(() => undefined), 60_000).unref()
      : null;
  app.addHook('onClose', async () => {
    if (retry) clearInterval(retry);
    await jobs?.stop();
    mailer?.close();
  });
  // On close (SIGTERM), readiness turns 503 at once; Fastify stops accepting connections, answers
  // 503 to new requests on open connections, and lets in-flight requests finish.
  app.addHook('preClose', async () => {
    app.ctx.shuttingDown = true;
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const locale = request.url.startsWith('/fr') ? 'fr' : 'en';
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      /^\/(en|fr)(\/|$)/.test(request.url) &&
      fs.existsSync(path.join(webRoot, 'index.html'))
    ) {
      return reply.type('text/html').header('cache-control', 'no-store').sendFile('index.html');
    }
    if (request.method === 'GET' && (request.url === '/' || request.url.startsWith('/?'))) {
      const lang = request.locale === 'fr' || locale === 'fr' ? 'fr' : 'en';
      return reply.redirect(`/${lang}/`);
    }
    throw new AppError('route_not_found');
  });

  // The route list: the authorization matrix test checks that every API route has an entry.
  const routeList: RouteEntry[] = [];
  app.decorate('routeList', routeList);
  // Every route's errors share one documented body.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeList.push({ method, url: route.url, action: route.config?.action });
    }
    if (!route.schema?.response) return;
    const response = route.schema.response as Record<number, unknown>;
    for (const status of errorStatuses) response[status] ??= errorBody;
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: tls ? [] : null,
      },
    },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  app.addHook('onSend', async (request, reply) => {
    // While shutting down, close each connection after its last response so the process can exit.
    if (app.ctx.shuttingDown) reply.header('connection', 'close');
    if (
      request.url.startsWith('/api/') ||
      request.url.startsWith('/healthz') ||
      request.url.startsWith('/readyz')
    ) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'peaceops API',
        version: '1',
        description: [
          'The API of peaceops, the system of record of the police peace-operations program.',
          '',
          `**Signing in.** \`POST /api/v1/session\` with \`{email, password}\` sets the \`${SESSION_COOKIE}\` cookie`,
          '(HttpOnly, SameSite=Strict) and returns a `csrfToken`. `GET /api/v1/me` returns it again.',
          '',
          `**CSRF.** Every state-changing request (POST, PUT, PATCH, DELETE) made with a session must send`,
          `the token in the \`${CSRF_HEADER}\` header; requests bodies are JSON only. Sign-in itself needs no token.`,
          '',
          '**Languages.** Send `Accept-Language: fr` (or `?lang=fr`) for French messages. Error codes never change with the language.',
          '',
          '**Access.** A record outside your scope answers 404, exactly like a missing one.',
        ].join('\n'),
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
    // The schemas named with .meta({ id }) go to components.schemas, where the $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { action: 'public' } }, () =>
    app.swagger(),
  );
  // The browsable reference (Scalar). Its own page starts with an inline script, which our CSP
  // forbids; we serve its bundle and start it from a script file of ours instead.
  const { default: apiReference } = await import('@scalar/fastify-api-reference');
  await app.register(apiReference, { routePrefix: '/api/docs/vendor' });
  app.get(
    '/api/docs',
    { schema: { hide: true }, config: { action: 'public' } },
    (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peaceops API reference</title>' +
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
            '<body><div id="app"></div><script src="/api/docs/vendor/js/scalar.js"></script>' +
            '<script src="/api/docs/start.js"></script></body></html>',
        ),
  );
  app.get(
    '/api/docs/start.js',
    { schema: { hide: true }, config: { action: 'public' } },
    (_request, reply) =>
      reply
        .type('text/javascript')
        .send(
          "Scalar.createApiReference('#app', { url: '/api/openapi.json', withDefaultFonts: false });",
        ),
  );

  registerRequestContext(app);
  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(oidcRoutes);
  await app.register(referenceRoutes);
  await app.register(userRoutes);
  await app.register(missionRoutes);
  await app.register(requestRoutes);
  await app.register(decisionRoutes);
  await app.register(evaluationRoutes);
  await app.register(officerRoutes);
  await app.register(callRoutes);
  await app.register(selectionRoutes);
  await app.register(trainingRoutes);
  await app.register(deploymentRoutes);
  await app.register(missionEventRoutes);
  await app.register(checkInRoutes);
  await app.register(incidentRoutes);
  await app.register(noticeRoutes);
  await app.register(reportRoutes);
  await app.register(agencyRoutes);
  await app.register(unContributionRoutes);
  await app.register(pastTourRoutes);
  await app.register(importRunRoutes);
  await app.register(settingsRoutes);
  await app.register(privacyRoutes);
  app.decorate('statistics', statisticsCache());
  await app.register(statisticsRoutes);
  await app.register(auditRoutes);

  if (fs.existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          (res as unknown as { header(k: string, v: string): void }).header(
            'cache-control',
            'public, max-age=31536000, immutable',
          );
        }
      },
    });
  }
  return app;
}
