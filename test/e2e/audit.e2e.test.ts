import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../src/kernel/audit/schema.ts';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.ts';
import { addPeopleFixtures } from '../support/people.ts';
import {
  axe,
  ensureWebBuild,
  label,
  launchChromium,
  ready,
  signedInContexts,
  tr,
  watched,
  watchedPage,
  type Lang,
} from './harness.ts';

/**
 * The audit viewer in Chromium: an auditor searches the log, opens an entry (before and after
 * side by side), exports the entries as CSV, verifies an intact chain, then, after an entry is
 * rewritten behind the application's back, sees the first broken link and opens it. Both pages
 * pass axe in English and in French.
 */

let t: TestApp;
let browser: Browser;
let base = '';
let updateSeq = 0;
const sessions = signedInContexts(
  () => ({ browser, base }),
  (role) => ({ email: t.users[role]!.email, password: PASSWORD }),
);

beforeAll(async () => {
  ensureWebBuild();
  t = await startTestApp();
  Object.assign(t.ids, await addPeopleFixtures(t));
  const staff = await t.as('program_officer');
  const edit = await staff.request('PATCH', `/api/v1/officers/${t.ids.otherOfficer}`, {
    version: 1,
    rankCode: 'inspector',
  });
  expect(edit.statusCode, edit.body).toBe(200);
  await staff.request('GET', `/api/v1/officers/${t.ids.otherOfficer}`);
  const [update] = await t.db
    .select({ seq: auditEntries.seq })
    .from(auditEntries)
    .where(eq(auditEntries.action, 'officer.update'));
  updateSeq = update!.seq;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await sessions.closeAll();
  await browser?.close();
  await t?.close();
});

async function auditPage(lang: Lang, query = ''): Promise<Page> {
  const page = await watchedPage(await sessions.signedIn('auditor'));
  await page.goto(`${base}/${lang}/audit${query}`);
  await ready(page, tr(lang, 'audit', 'list.title'));
  return page;
}

describe('the audit viewer in Chromium', () => {
  it('is in the navigation and on the home page of an auditor', async () => {
    const page = await watchedPage(await sessions.signedIn('auditor'));
    await page.goto(`${base}/en/`);
    // In the navigation and among the home page's pages.
    const links = page.getByRole('link', { name: tr('en', 'common', 'nav.audit'), exact: true });
    await expect.poll(() => links.count()).toBe(2);
    await page
      .getByRole('main')
      .getByRole('link', { name: tr('en', 'home', 'signedIn.pages.audit'), exact: true })
      .click();
    await ready(page, tr('en', 'audit', 'list.title'));
    await page.close();
  });

  it('searches, opens an entry with before and after, and exports', async () => {
    const page = await auditPage('en');
    await page.getByLabel(label(tr('en', 'audit', 'filters.actor'))).fill('program_officer');
    await page.getByLabel(label(tr('en', 'audit', 'filters.action'))).fill('officer.update');
    await page.getByRole('button', { name: tr('en', 'common', 'filters.apply') }).click();
    await expect.poll(() => page.url()).toMatch(/actor=program_officer&action=officer.update/);
    const rows = page.locator('table.data-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('officer.update');
    await axe(page, 'audit log, searched (en)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: tr('en', 'audit', 'list.export') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^seq,at,actor_id,actor_name,actor_role,action,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('officer.update');

    await page
      .getByRole('link', {
        name: tr('en', 'audit', 'list.entryLink', { seq: updateSeq, action: 'officer.update' }),
      })
      .click();
    await ready(page, tr('en', 'audit', 'detail.title', { seq: updateSeq }));
    const changes = page.getByRole('table', { name: tr('en', 'audit', 'detail.changesCaption') });
    const row = changes.getByRole('row', { name: /rankCode/ });
    await expect.poll(() => row.locator('td').nth(0).textContent()).toBe('sergeant');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('inspector');
    await axe(page, 'audit entry (en)');
    await page.close();
  });

  it('shows the sensitive reads with the quick filter', async () => {
    const page = await auditPage('en');
    await page.getByRole('link', { name: tr('en', 'audit', 'quick.sensitive') }).click();
    await page.getByRole('table', { name: tr('en', 'audit', 'list.captionSensitive') }).waitFor();
    const rows = page.locator('table.data-table tbody tr');
    await expect.poll(() => rows.first().textContent()).toContain('officer.read_sensitive');
    await page.close();
  });

  it('verifies an intact chain, then shows the first broken link after tampering', async () => {
    const page = await auditPage('en');
    const verify = page.getByRole('button', { name: tr('en', 'audit', 'verify.button') });
    await verify.click();
    await page.getByText(/^The chain is intact: [\d,]+ entries verified\.$/).waitFor();
    await axe(page, 'audit log, chain intact (en)');

    await t.db.execute(sql`alter table audit_entries disable trigger audit_entries_no_update`);
    try {
      await t.db.execute(
        sql`update audit_entries set record_id = 'forged' where seq = ${updateSeq}`,
      );
    } finally {
      await t.db.execute(sql`alter table audit_entries enable trigger audit_entries_no_update`);
    }
    await verify.click();
    await page.getByText(tr('en', 'audit', 'verify.broken', { seq: updateSeq })).waitFor();
    await page
      .getByText(tr('en', 'audit', 'verify.reasons.content_changed'), { exact: false })
      .waitFor();
    await axe(page, 'audit log, chain broken (en)');
    await page
      .getByRole('link', { name: tr('en', 'audit', 'verify.openEntry', { seq: updateSeq }) })
      .click();
    await ready(page, tr('en', 'audit', 'detail.title', { seq: updateSeq }));
    await page.close();
  });

  describe('the pages pass axe (WCAG 2.1 AA) in English and in French', () => {
    it.each(['en', 'fr'] as const)('%s', async (lang) => {
      const before = watched.csp.length;
      const page = await auditPage(lang);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await axe(page, `audit log (${lang})`);
      await page.goto(`${base}/${lang}/audit/${updateSeq}`);
      await ready(page, tr(lang, 'audit', 'detail.title', { seq: updateSeq }));
      await axe(page, `audit entry (${lang})`);
      expect(watched.csp.slice(before)).toEqual([]);
      await page.close();
    });
  });
});
