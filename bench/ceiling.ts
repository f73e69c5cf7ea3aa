/**
 * The ceiling of the API benchmark: a minimal `node:http` server answering GET /officers/<id>
 * with one single-row primary-key query per request, as JSON, and nothing else (no framework, no
 * session, no authorization, no audit). On PostgreSQL (DATABASE_URL) through a node-postgres Pool
 * of 10; on the embedded database (DATA_DIR) on one PGlite instance. GET /ready answers once the
 * database is open. Started as a separate process by bench/api.ts: `node bench/ceiling.ts`.
 */
import http from 'node:http';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';

const text =
  'select id, badge_number, given_name, family_name, rank_code from officers where id = $1';
let query: (id: string) => Promise<unknown[]>;
let close: () => Promise<void>;
if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  query = async (id) => (await pool.query(text, [id])).rows;
  close = () => pool.end();
} else {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATABASE_URL or DATA_DIR is required');
  const db = await PGlite.create({
    dataDir: path.join(dataDir, 'pgdata'),
    extensions: { btree_gist },
  });
  query = async (id) => (await db.query(text, [id])).rows;
  close = () => db.close();
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const id = url.startsWith('/officers/') ? url.slice('/officers/'.length) : '';
  query(id).then(
    (rows) => {
      if (rows.length === 0) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
    },
    (error: Error) => res.writeHead(500).end(error.message),
  );
});
server.listen(Number(process.env.PORT ?? 3990), '127.0.0.1');
const stop = () =>
  server.close(() => {
    void close().then(() => process.exit(0));
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
