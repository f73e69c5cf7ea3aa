import { PASSWORD } from '../support/app.ts';

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

/** A signed-in client over a real socket: the session cookie and CSRF token of one login. */
export interface HttpClient {
  request(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
}

export async function signIn(base: string, email: string): Promise<HttpClient> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('peaceops_session='));
  if (!session) throw new Error('no session cookie');
  return {
    async request(method, path, body) {
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie: session,
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      return { status: answer.status, body: parseJson(text), text };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** How many answers had each status ("201": 1, "409": 49). */
export function statusCounts(answers: HttpAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

/** The error codes of the refusals, counted. */
export function errorCodes(answers: HttpAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    if (a.status < 400) continue;
    const code = (a.body as { error?: { code?: string } } | null)?.error?.code ?? `none:${a.text}`;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}
