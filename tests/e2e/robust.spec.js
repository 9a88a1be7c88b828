// Small things that must not take a page down or fool anyone: copying the share link where the
// clipboard is missing or refuses, and names in a share link that try to hide or reverse text.
import { expect } from '@playwright/test';
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
  await expect(page.getByText(ui.share_invited.nl.replace('{name}', 'GemeentedorP')).first()).toBeVisible();
});
