import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * Secrets at rest (TOTP secrets): AES-256-GCM under SECRET_KEY (32 bytes, base64). Without it,
 * the embedded database gets a key generated once into DATA_DIR/secret.key (mode 0600); a
 * PostgreSQL deployment must set SECRET_KEY (every instance shares it). The key is never logged.
 */
export const SECRET_KEY_FILE = 'secret.key';

export function parseSecretKey(value: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes in base64');
  return key;
}

const cache = new Map<string, Buffer>();

export function secretKeyFor(options: {
  secretKey: string | undefined;
  dataDir: string;
  embedded: boolean;
}): Buffer {
  if (options.secretKey) return parseSecretKey(options.secretKey);
  if (!options.embedded) throw new AppError('second_factor_unavailable');
  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  let key: Buffer;
  if (fs.existsSync(file)) key = parseSecretKey(fs.readFileSync(file, 'utf8'));
  else {
    key = randomBytes(32);
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  cache.set(file, key);
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function open(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unreadable secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
