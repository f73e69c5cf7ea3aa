import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Locale } from '../i18n.ts';
import { mailOutbox } from './schema.ts';

/**
 * E-mail: use cases queue messages in their own transaction (`queueMail`); `deliverMail` sends
 * what is queued over SMTP (nodemailer) and marks each message sent, or failed after
 * MAX_ATTEMPTS. Without SMTP_URL (the demo), messages stay queued in the outbox, nothing is lost.
 */

export interface Message {
  topic: string;
  to: string;
  locale: Locale;
  subject: string;
  body: string;
}

export const MAX_ATTEMPTS = 5;

export async function queueMail(tx: Tx, messages: Message[]): Promise<void> {
  if (!messages.length) return;
  await tx.insert(mailOutbox).values(
    messages.map((m) => ({
      topic: m.topic,
      toAddress: m.to,
      locale: m.locale,
      subject: m.subject,
      body: m.body,
    })),
  );
}

export interface Mailer {
  /** Send what is queued; resolves with the number sent. Safe to call concurrently. */
  deliver(): Promise<number>;
  close(): void;
}

/**
 * A mailer for SMTP_URL (smtp://user:pass@host:port, or smtps://), sending from MAIL_FROM.
 * Null without SMTP_URL.
 */
export function createMailer(
  db: () => Db,
  options: { smtpUrl: string | undefined; from: string },
): Mailer | null {
  if (!options.smtpUrl) return null;
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  let running: Promise<number> | null = null;
  let again = false;
  const run = async (): Promise<number> => {
    let sent = 0;
    do {
      again = false;
      sent += await deliverMail(db(), transport, options.from);
    } while (again);
    return sent;
  };
  return {
    deliver() {
      // One delivery at a time in this process; a call during one runs another pass after it.
      if (running) {
        again = true;
        return running;
      }
      running = run().finally(() => {
        running = null;
      });
      return running;
    },
    close() {
      transport.close();
    },
  };
}

/**
 * One pass over the queue: send each message queued now (oldest first), each claimed with a row
 * lock (skip locked) so several instances share the work. A message that fails stays queued for
 * the next pass, until MAX_ATTEMPTS.
 */
export async function deliverMail(db: Db, transport: Transporter, from: string): Promise<number> {
  const queued = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(mailOutbox.createdAt))
    .limit(1000);
  let sent = 0;
  for (const { id } of queued) {
    const done = await db.transaction(async (tx) => {
      const [message] = await tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'queued')))
        .for('update', { skipLocked: true });
      if (!message) return false;
      try {
        await transport.sendMail({
          from,
          to: message.toAddress,
          subject: message.subject,
          text: message.body,
          headers: { 'Content-Language': message.locale === 'fr' ? 'fr-CA' : 'en-CA' },
        });
      } catch (error) {
        const attempts = message.attempts + 1;
        await tx
          .update(mailOutbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
            // The SMTP error's code, never the message: it carries no personal data.
            lastError: (error as { code?: string }).code ?? (error as Error).name,
          })
          .where(eq(mailOutbox.id, id));
        return false;
      }
      await tx
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), attempts: message.attempts + 1 })
        .where(eq(mailOutbox.id, id));
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}
