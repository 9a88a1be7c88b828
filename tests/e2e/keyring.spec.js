// The accountmanager's key is never lost: a tab opened before another tab made or restored a key does
// not write its stale copy over it; a new key keeps the old one (files for it still open, and the page
// says which key opened a file); a keyring this page cannot read is kept aside, never overwritten.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey, expectNoAxeViolations, openFiles, test, ui } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vio-keyring-'));
const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

/** One synthetic result file encrypted to `publicKey`, as bytes. */
function resultFor(publicKey, seed) {
  const out = mkdtempSync(join(tmpdir(), 'vio-synth-'));
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', String(seed), '--count', '1', '--recipient', publicKey, '--out', out]);
  return readFileSync(join(out, readdirSync(out)[0]));
}

test('a tab opened before the key was made neither loses it nor hides it', async ({ context }) => {
  const stale = await context.newPage();
  await stale.goto('accountmanager/');
  await expect(stale.getByRole('button', { name: ui.am_create.nl })).toBeVisible();
  // A second stale tab that never hears of the other tab's change (no storage event reaches it).
  const deaf = await context.newPage();
  await deaf.addInitScript(() => window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
  await deaf.goto('accountmanager/');
  await expect(deaf.getByRole('button', { name: ui.am_create.nl })).toBeVisible();

  const fresh = await context.newPage();
  const key = await createKey(fresh, 'WSP Twee Tabbladen', dir);
  // The stale tab shows the new key at once.
  await expect(stale.locator('#fingerprint')).toHaveText(key.fingerprint);
  // The deaf tab switches its language, which saves: the key stays, and it shows it from then on.
  await deaf.getByRole('button', { name: ui.language_switch_label.nl }).click();
  await expect(deaf.locator('#fingerprint')).toHaveText(key.fingerprint);
  await fresh.reload();
  await expect(fresh.locator('#fingerprint')).toHaveText(key.fingerprint);
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'en');
});

test('a new key keeps the old one: older files still open, the page says with which key', async ({ page }) => {
  const old = await createKey(page, 'WSP Sleutelwissel', dir);
  const forOld = resultFor(old.publicKey, 11);
  await page.getByText(ui.am_another_key.nl).click();
  await page.getByRole('button', { name: ui.am_create_another.nl }).click();
  await expect(page.locator('#fingerprint')).not.toHaveText(old.fingerprint);
  const current = (await page.locator('#fingerprint').innerText()).trim();
  const currentKey = (await page.locator('#public-key').innerText()).trim();
  // The share link carries the new key; the old one is listed as an earlier key.
  expect(await page.getByRole('textbox', { name: ui.am_share_link.nl }).inputValue()).toContain(encodeURIComponent(currentKey).slice(0, 20));
  await expect(page.getByRole('heading', { name: ui.am_older_keys_title.nl })).toBeVisible();
  await expect(page.locator('.older-keys li')).toHaveCount(1);
  await expect(page.locator('.older-keys')).toContainText(old.fingerprint);
  await expectNoAxeViolations(page, 'accountmanager with an earlier key');

  const statuses = await openFiles(page, [['voor-oude-sleutel.age', forOld], ['voor-nieuwe-sleutel.age', resultFor(currentKey, 12)]]);
  expect(Object.values(statuses)).toEqual([ui.am_view.nl, ui.am_view.nl]);
  await page.getByRole('link', { name: `${ui.am_view.nl}: voor-oude-sleutel.age` }).click();
  await expect(page.getByText(t('am_opened_with', { code: old.fingerprint }))).toBeVisible();
  await page.getByRole('link', { name: ui.am_back.nl }).first().click();
  await page.getByRole('link', { name: `${ui.am_view.nl}: voor-nieuwe-sleutel.age` }).click();
  await expect(page.getByText(t('am_opened_with', { code: current }))).toBeVisible();
  await page.getByRole('link', { name: ui.am_back.nl }).first().click();

  // The backup holds both keys, the one in use last; restored elsewhere, both are back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.am_backup_plain.nl }).click()]);
  const backup = join(dir, 'both-keys.txt');
  await download.saveAs(backup);
  expect(readFileSync(backup, 'utf8').match(/^AGE-SECRET-KEY-1/gm)).toHaveLength(2);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByText(ui.am_restore.nl, { exact: true }).first().click();
  await page.getByLabel(ui.am_restore_choose.nl).setInputFiles(backup);
  await expect(page.locator('#fingerprint')).toHaveText(current);
  await expect(page.locator('.older-keys')).toContainText(old.fingerprint);

  // The old key can be taken into use again; removing an earlier key asks first.
  await page.getByRole('button', { name: `${ui.am_use_again.nl} ${old.fingerprint}` }).click();
  await expect(page.locator('#fingerprint')).toHaveText(old.fingerprint);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `${ui.am_remove_older.nl} ${current}` }).click();
  await expect(page.locator('.older-keys li')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#fingerprint')).toHaveText(old.fingerprint);
});

test('a keyring this page cannot read is kept aside, downloadable, and never overwritten', async ({ page }) => {
  const newer = JSON.stringify({ schema: 3, keys: [{ secret: 'AGE-SECRET-KEY-1QQQ', label: 'van een nieuwere versie' }] });
  await page.goto('accountmanager/');
  await page.evaluate((v) => localStorage.setItem('vio.accountmanager', v), newer);
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(t('am_keyring_kept_aside', { key: 'vio.accountmanager.unreadable' }));
  const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('link', { name: ui.storage_download.nl }).click()]);
  expect(readFileSync(await download.path(), 'utf8')).toBe(newer);
  await expectNoAxeViolations(page, 'accountmanager with a kept-aside keyring');
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Na Een Probleem');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  await expect(page.locator('#fingerprint')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('vio.accountmanager.unreadable'))).toBe(newer);
});
