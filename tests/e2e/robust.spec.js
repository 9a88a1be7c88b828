// Small things that must not take a page down or fool anyone: copying the share link where the
// clipboard is missing or refuses, and names in a share link that try to hide or reverse text.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey, test, ui } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vio-robust-'));
const copyButton = (page) => page.getByRole('button', { name: ui.am_copy.nl });

test('copying the link says what happened: copied, refused, or no clipboard at all', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await createKey(page, 'WSP Kopieerregio', dir);
  await copyButton(page).click();
  await expect(page.getByText(ui.am_copied.nl)).toBeVisible();
  const link = await page.getByRole('textbox', { name: ui.am_share_link.nl }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A browser that refuses the copy.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError')); });
  await copyButton(page).click();
  await expect(page.getByText(ui.am_copy_failed.nl)).toBeVisible();
  await expect(page.getByText(ui.am_copied.nl)).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: ui.am_share_link.nl })).toBeFocused();

  // A browser without a clipboard (an insecure origin): the same message, no error screen.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await copyButton(page).click();
  await expect(page.getByText(ui.am_copy_failed.nl)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Er ging iets mis' })).toHaveCount(0);
});

test('a name in a share link cannot hide or reverse text', async ({ page }) => {
  // U+202E (right-to-left override) and U+200B (zero-width space) inside the name.
  await page.goto('./#/uitnodiging?sleutel=age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p&naam=Gemeente%E2%80%AEdorP%E2%80%8B');
  await expect(page.locator('p.invite')).toContainText('GemeentedorP (controlecode ');
});

const publicKey = () => execFileSync('age-keygen').toString().match(/public key: (age1[0-9a-z]+)/)[1];
const link = (key, name) => `./#/uitnodiging?sleutel=${key}&naam=${encodeURIComponent(name)}`;
const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

test('a broken share link says so when it is opened, and stores nothing', async ({ page }) => {
  for (const broken of ['./#/uitnodiging?naam=WSP%20Zonder%20Sleutel', link('age1niet-een-sleutel', 'WSP Kapot')]) {
    await page.goto('./');
    await page.goto(broken);
    await expect(page.getByText(ui.invite_broken.nl)).toBeVisible();
    await expect(page.getByText(/Volgens uw link/)).toHaveCount(0);
    await page.reload();
  }
});

test('a link to another accountmanager never replaces the stored one unasked', async ({ page }) => {
  const [a, b] = [publicKey(), publicKey()];
  await page.goto(link(a, 'WSP Noord'));
  await expect(page.locator('p.invite')).toContainText(`WSP Noord (controlecode `);
  await page.goto(link(b, 'WSP Zuid'));
  const choice = page.locator('.invite-choice');
  await expect(choice).toContainText('WSP Noord');
  await expect(choice).toContainText('WSP Zuid');
  await expect(choice).toContainText(/controlecode [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}\). Deze link noemt WSP Zuid \(controlecode [0-9A-F]{4}-/);
  // Until the employer chooses, the stored accountmanager stays.
  await expect(page.locator('p.invite')).toContainText(`WSP Noord (controlecode `);
  await choice.getByRole('button', { name: t('invite_keep', { name: 'WSP Noord' }) }).click();
  await expect(choice).toHaveCount(0);
  await page.reload();
  await expect(page.locator('p.invite')).toContainText(`WSP Noord (controlecode `);
  // Choosing the new one replaces it.
  await page.goto(link(b, 'WSP Zuid'));
  await page.locator('.invite-choice').getByRole('button', { name: t('invite_take', { name: 'WSP Zuid' }) }).click();
  await expect(page.locator('p.invite')).toContainText(`WSP Zuid (controlecode `);
});
