import { expect, it } from 'vitest';
import { startTestApp } from '../support/app.ts';
import { describeDb } from '../support/db.ts';

describeDb('graceful shutdown', () => {
  it('lets in-flight requests finish, turns readiness to 503 and refuses new requests', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    // A request that is still running when the shutdown starts.
    const t = await startTestApp({}, (app) =>
      app.addHook('onRequest', async (request) => {
        if (request.url === '/healthz?hold') {
          entered();
          await held;
        }
      }),
    );
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });

    const slow = fetch(`${address}/healthz?hold`);
    await inFlight;
    const closing = t.app.close();
    await expect.poll(() => t.app.ctx.shuttingDown).toBe(true);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();

    release();
    expect((await slow).status).toBe(200);
    await closing;
    await t.close();
  });

  it('answers 503 on /readyz once shutting down', async () => {
    const t = await startTestApp();
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    t.app.ctx.shuttingDown = true;
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    await t.close();
  });
});
