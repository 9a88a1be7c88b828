// Storage that is full or blocked is told plainly, with a backup as the way out; the questionnaire keeps
// working and the backup can be downloaded.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { ui, vio, test } from './helpers.js';

test('full storage (QuotaExceededError) is reported and answering goes on', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  await page.goto('./');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('12');
  await expect(page.getByRole('alert')).toContainText(ui.storage_full.nl);
  await expect(page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue('12');
  await downloadBackupFromTheNotice(page);
});

async function downloadBackupFromTheNotice(page) {
  await page.getByRole('alert').getByRole('link', { name: ui.storage_way_out.nl }).click();
  await page.getByLabel(ui.backup_passphrase.nl).fill('noodgeval met volle opslag');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.backup_download.nl }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vio-analyses-\d{4}-\d{2}-\d{2}\.age$/);
}

test('blocked storage is reported and the app still works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText(ui.storage_blocked.nl);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('#main h1')).toHaveText(vio.sections[0].title.nl);
  await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('12');
  await downloadBackupFromTheNotice(page);
});

test('stored data that cannot be read is kept aside, not deleted, and the user is told', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('vio.state', '{"schema":99,"lang":"nl","toekomst":true}');
    }
  });
  await page.goto('./');
  const told = ui.storage_kept_aside.nl.replace('{key}', 'vio.state.unreadable');
  await expect(page.getByRole('alert')).toContainText(told);
  expect(await page.evaluate(() => localStorage.getItem('vio.state.unreadable'))).toContain('"schema":99');
  // The user can take the kept-aside data home.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: ui.storage_download.nl }).click()]);
  expect(download.suggestedFilename()).toBe('vio.state.unreadable.json');
  expect(readFileSync(await download.path(), 'utf8')).toBe('{"schema":99,"lang":"nl","toekomst":true}');
  await page.getByRole('button', { name: ui.understood.nl }).click();
  await expect(page.getByText(told)).toHaveCount(0);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('#main h1')).toHaveText(vio.sections[0].title.nl);
});

test('a second problem does not overwrite data kept aside before', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('vio.state.unreadable', '{"de eerste":true}');
      localStorage.setItem('vio.state', '{"schema":99,"de tweede":true}');
    }
  });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText(ui.storage_kept_aside.nl.replace('{key}', 'vio.state.unreadable.2'));
  expect(await page.evaluate(() => localStorage.getItem('vio.state.unreadable'))).toBe('{"de eerste":true}');
  expect(await page.evaluate(() => localStorage.getItem('vio.state.unreadable.2'))).toBe('{"schema":99,"de tweede":true}');
});

test('unreadable data that cannot be kept aside because storage is full stays where it is', async ({ page }) => {
  const original = '{"schema":99,"lang":"nl","nog niet gelezen":true}';
  await page.addInitScript((original) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('vio.state', original);
    }
    Storage.prototype.setItem = function (key, value) {
      if (this === window.sessionStorage) return;
      throw new DOMException('quota', 'QuotaExceededError');
    };
  }, original);
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText(ui.storage_left_in_place.nl);
  // Answering goes on, nothing is written over the original, also after the notice is dismissed.
  await page.getByRole('button', { name: ui.understood.nl }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('12');
  expect(await page.evaluate(() => localStorage.getItem('vio.state'))).toBe(original);
});
