// What the accountmanager keeps on this device. Results: still encrypted at rest, back after the
// browser closed, removed one by one, all at once, or when their retention period has passed; a full
// or blocked storage is told plainly and loses nothing already kept. Notes per employer: encrypted
// to the accountmanager's key, beside every result of that employer, downloadable as an age file.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey as createKeyWithBackup, download, expectNoAxeViolations, test, ui, watchWorkerJobs } from './helpers.js';

const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

async function createKey(page) {
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Test');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  return (await page.locator('#public-key').innerText()).trim();
}

function synth(key, seed, count, organisation) {
  const dir = mkdtempSync(join(tmpdir(), 'vio-kept-'));
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', String(seed), '--count', String(count), '--recipient', key, '--out', dir, '--organisation', organisation]);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

/** The records in the page's IndexedDB, with their bytes as base64 and as text. */
const keptRecords = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('vio-accountmanager');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('kept-results').objectStore('kept-results').getAll();
    all.onsuccess = () => {
      open.result.close();
      resolve(all.result.map((r) => ({ name: r.name, keptOn: r.keptOn, base64: btoa(String.fromCharCode(...r.bytes)), text: new TextDecoder('latin1').decode(r.bytes) })));
    };
  };
}));

/** A new tab of this browser profile on the accountmanager's page, on another day (the date only is
 * faked; timers run). */
async function visit(context, time) {
  await context.clock.setFixedTime(new Date(time));
  const p = await context.newPage();
  await p.goto('accountmanager/');
  return p;
}

const rows = (page) => page.locator('table.files tbody tr');
const keepBox = (page) => page.getByLabel(ui.keep_choice.nl);
const removeButtons = (page) => page.getByRole('button', { name: new RegExp(`^${ui.keep_remove.nl}: `) });

test('kept results are the encrypted files, come back after closing, and can be removed one by one or all', async ({ page, context }) => {
  const key = await createKey(page);
  const files = synth(key, 21, 3, 'Bakkerij De Korrel');
  await expect(keepBox(page)).not.toBeChecked();
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(0, 1));
  await expect(rows(page)).toHaveCount(1);
  // Not kept until asked: nothing in storage.
  expect(await keptRecords(page)).toEqual([]);

  // Switching keeping on keeps what is open already, and then every file opened after.
  await keepBox(page).check();
  await expect(page.getByLabel(ui.keep_period.nl)).toHaveValue('12');
  // As large a target as the page's other choices (it was 19 px high; WCAG 2.5.8 asks at least 24).
  expect((await page.getByLabel(ui.keep_period.nl).boundingBox()).height).toBeGreaterThanOrEqual(44);
  await expect(removeButtons(page)).toHaveCount(1);
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(1));
  await expect(removeButtons(page)).toHaveCount(3);
  await expectNoAxeViolations(page, 'the file list with kept results');

  // At rest: exactly the files as handed over (age files), nothing readable.
  const records = await keptRecords(page);
  expect(records.map((r) => r.base64).sort()).toEqual(files.map((f) => readFileSync(f).toString('base64')).sort());
  for (const r of records) {
    expect(r.text.startsWith('age-encryption.org/v1\n')).toBe(true);
    expect(r.text).not.toContain('Korrel');
  }
  const today = new Date();
  const until = new Date(today.getFullYear() + 1, today.getMonth(), today.getDate());
  const dutch = (d) => `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
  await expect(rows(page).first().locator('td').last()).toContainText(dutch(until));

  // The browser closes; a new tab of the same profile opens them again with the key.
  await page.close();
  const again = await context.newPage();
  await again.goto('accountmanager/');
  await expect(rows(again)).toHaveCount(3);
  await expect(again.getByRole('cell', { name: 'Bakkerij De Korrel' })).toHaveCount(3);
  await expect(keepBox(again)).toBeChecked();

  // One removed: gone from the list and from the device.
  await removeButtons(again).first().click();
  await expect(rows(again)).toHaveCount(2);
  await again.reload();
  await expect(rows(again)).toHaveCount(2);

  // All removed, after a confirmation; cancelling changes nothing.
  again.once('dialog', (d) => d.dismiss());
  await again.getByRole('button', { name: ui.keep_remove_all.nl }).click();
  await expect(rows(again)).toHaveCount(2);
  again.once('dialog', (d) => { expect(d.message()).toBe(t('keep_confirm_remove_all', { n: 2 })); d.accept(); });
  await again.getByRole('button', { name: ui.keep_remove_all.nl }).click();
  await expect(rows(again)).toHaveCount(0);
  expect(await keptRecords(again)).toEqual([]);
  await expect(keepBox(again)).toBeChecked();

  // Switching keeping off removes what is kept from the device, and leaves it open in this tab.
  await again.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(0, 2));
  await expect(removeButtons(again)).toHaveCount(2);
  again.once('dialog', (d) => { expect(d.message()).toBe(t('keep_confirm_stop', { n: 2 })); d.accept(); });
  await keepBox(again).uncheck();
  await expect(removeButtons(again)).toHaveCount(0);
  await expect(rows(again)).toHaveCount(2);
  expect(await keptRecords(again)).toEqual([]);
  await again.reload();
  await expect(rows(again)).toHaveCount(0);
  await expect(keepBox(again)).not.toBeChecked();
});

test('a kept result is removed when its retention period has passed, and the page says so', async ({ page, context }) => {
  // Only the date is faked (timers run): it holds for every page of this browser profile.
  await context.clock.setFixedTime(new Date('2026-01-31T10:00:00'));
  const key = await createKey(page);
  const files = synth(key, 22, 2, 'Garage Jansen');
  await keepBox(page).check();
  await page.getByLabel(ui.keep_period.nl).selectOption('6');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(removeButtons(page)).toHaveCount(2);
  // Kept on 31 January for six months: the period ends on 31 July.
  await expect(rows(page).first().locator('td').last()).toContainText('31-07-2026');
  await page.close();

  // The last day of the period: still there.
  const before = await visit(context, '2026-07-30T23:00:00');
  await expect(rows(before)).toHaveCount(2);
  await expect(before.getByText(t('keep_expired', { months: 6, n: 2 }))).toHaveCount(0);
  await before.close();
  // A shorter period applies at once to what is kept already.
  const shorter = await visit(context, '2026-07-30T23:00:00');
  await expect(rows(shorter)).toHaveCount(2);
  await shorter.getByLabel(ui.keep_period.nl).selectOption('3');
  await expect(shorter.getByText(t('keep_expired', { months: 3, n: 2 }))).toBeVisible();
  await expect(rows(shorter)).toHaveCount(0);
  expect(await keptRecords(shorter)).toEqual([]);
  await shorter.getByRole('button', { name: ui.understood.nl }).click();
  await expect(shorter.getByText(t('keep_expired', { months: 3, n: 2 }))).toHaveCount(0);

  // Kept again with six months, then visited on the day the period ends.
  await shorter.getByLabel(ui.keep_period.nl).selectOption('6');
  await shorter.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(removeButtons(shorter)).toHaveCount(2);
  await shorter.close();
  const after = await visit(context, '2027-01-30T09:00:00');
  await expect(after.getByText(t('keep_expired', { months: 6, n: 2 }))).toBeVisible();
  await expect(rows(after)).toHaveCount(0);
  expect(await keptRecords(after)).toEqual([]);
});

test('hundreds of kept results come back a page at a time, those past their period removed', async ({ page, context }) => {
  await context.clock.setFixedTime(new Date('2026-01-10T10:00:00'));
  const key = await createKey(page);
  const files = synth(key, 24, 260, 'Uitzendbureau Noord');
  const summary = (n) => t('am_files_summary', { n, opened: n, failed: 0 });
  await keepBox(page).check();
  await page.getByLabel(ui.keep_period.nl).selectOption('6');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(0, 150));
  await expect(page.getByText(summary(150))).toBeVisible();
  await expect.poll(async () => (await keptRecords(page)).length).toBe(150);
  await page.close();

  // Three months later: the 150 come back, and 110 more are kept.
  const april = await visit(context, '2026-04-10T10:00:00');
  await expect(april.getByText(summary(150))).toBeVisible();
  await april.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(150));
  await expect(april.getByText(summary(260))).toBeVisible();
  await expect.poll(async () => (await keptRecords(april)).length).toBe(260);
  await april.close();
  // In August the first 150 are past their six months, the other 110 not: read back in pages of
  // 100 in the order of their ids, the two kinds are mixed on every page.
  const august = await visit(context, '2026-08-10T10:00:00');
  await expect(august.getByText(t('keep_expired', { months: 6, n: 150 }))).toBeVisible();
  await expect(august.getByText(summary(110))).toBeVisible();
  expect((await keptRecords(august)).length).toBe(110);
});

test('full or blocked storage is told plainly and loses nothing that was kept', async ({ page, context }) => {
  const key = await createKey(page);
  const files = synth(key, 23, 3, 'Zorg Thuis BV');
  await keepBox(page).check();
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(0, 1));
  await expect(removeButtons(page)).toHaveCount(1);

  // The disk fills up: the next files open but are not kept, and the page says so.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(1));
  await expect(page.getByText(t('keep_full', { n: 2 }))).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(removeButtons(page)).toHaveCount(1);
  await expectNoAxeViolations(page, 'storage full');
  await page.reload();
  await expect(rows(page)).toHaveCount(1);

  // A browser that refuses IndexedDB (a private window, a policy): said once keeping is on.
  const blocked = await context.newPage();
  await blocked.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('Not allowed.', 'SecurityError'); } }));
  await blocked.goto('accountmanager/');
  await expect(blocked.getByText(ui.keep_blocked.nl)).toBeVisible();
  await blocked.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(1));
  await expect(rows(blocked)).toHaveCount(2);
  await expect(removeButtons(blocked)).toHaveCount(0);
  await blocked.close();
  // What was kept is still there.
  await page.reload();
  await expect(rows(page)).toHaveCount(1);
  expect((await keptRecords(page)).length).toBe(1);
});

test('a file moved after it was opened is not kept, is said so, and is kept once opened again', async ({ page }) => {
  const key = await createKey(page);
  const files = synth(key, 24, 3, 'Garage Van Dijk');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(rows(page)).toHaveCount(3);

  // The page holds no file's bytes once it is opened: keeping it later reads the file again, and a
  // file moved meanwhile cannot be read.
  renameSync(files[0], `${files[0]}.verplaatst`);
  await keepBox(page).check();
  await expect(page.getByText(t('keep_gone', { n: 1 }))).toBeVisible();
  await expect(removeButtons(page)).toHaveCount(2);
  await expectNoAxeViolations(page, 'a file moved since it was opened');
  const kept = await keptRecords(page);
  expect(kept.map((r) => r.base64).sort()).toEqual(files.slice(1).map((f) => readFileSync(f).toString('base64')).sort());

  // Opened again from where it is now: listed as opened already, and now kept too.
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(`${files[0]}.verplaatst`);
  await expect(rows(page)).toHaveCount(4);
  await expect(removeButtons(page)).toHaveCount(3);
  expect((await keptRecords(page)).length).toBe(3);
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
});

test('the file dialog warms the page up, and nothing of that is listed, counted or kept', async ({ page }) => {
  const key = await createKey(page);
  const files = synth(key, 25, 5, 'Kwekerij Het Zaadje');
  await keepBox(page).check();
  // Every request to the workers to open results, by the keys it was sent with, and whether it was
  // answered.
  let jobs;
  const spy = async (options) => { jobs = await watchWorkerJobs(page, options); };
  const requests = async () => (await jobs()).filter((j) => j.job === 'results').map(({ text, answer }) => ({ keys: text, answered: answer !== null }));
  const choose = () => Promise.all([page.waitForEvent('filechooser'), page.getByText(ui.am_choose_files.nl).click()]).then(([c]) => c);
  await spy();
  let chooser = await choose();
  // Opening the dialog opens a throwaway result, with a key of its own, until it is done...
  await expect.poll(async () => (await requests()).length).toBeGreaterThan(0);
  const warmKey = (await requests())[0].keys;
  expect(warmKey).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
  let settled = 0;
  await expect.poll(async () => {
    const now = await requests();
    const same = now.length === settled && now.every((r) => r.answered);
    settled = now.length;
    return same;
  }, { intervals: [500], timeout: 20_000 }).toBe(true);
  expect((await requests()).every((r) => r.keys === warmKey)).toBe(true);
  // ...and shows and keeps nothing of it.
  await expect(page.locator('table.files')).toHaveCount(0);
  await expect(page.locator('progress')).toHaveCount(0);
  expect(await keptRecords(page)).toEqual([]);
  await chooser.setFiles(files.slice(0, 3));
  await expect(page.getByText(t('am_files_summary', { n: 3, opened: 3, failed: 0 }))).toBeVisible();
  await expect(removeButtons(page)).toHaveCount(3);

  // Files picked while it runs end it: they are the accountmanager's, listed and kept as ever. Its
  // first batch is held back until they are open, so they surely come while it runs.
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  await spy({ holdFirst: 'results' });
  chooser = await choose();
  await expect.poll(async () => (await requests()).length).toBeGreaterThan(0);
  const againKey = (await requests())[0].keys;
  await chooser.setFiles(files.slice(3));
  await expect(page.getByText(t('am_files_summary', { n: 5, opened: 5, failed: 0 }))).toBeVisible();
  await expect(removeButtons(page)).toHaveCount(5);
  expect((await requests()).some((r) => r.keys !== againKey), 'the files went to the workers').toBe(true);
  await page.evaluate(() => window.sendHeldJob());
  await expect.poll(async () => (await requests()).filter((r) => r.keys === againKey).every((r) => r.answered)).toBe(true);
  await page.waitForTimeout(1000);
  expect((await requests()).filter((r) => r.keys === againKey).length, 'the warm-up stopped after its batch').toBe(1);
  expect(settled).toBeGreaterThan(1);
  expect((await keptRecords(page)).map((r) => r.base64).sort()).toEqual(files.map((f) => readFileSync(f).toString('base64')).sort());

  // Files dragged over the page start it too.
  await page.reload();
  await expect(rows(page)).toHaveCount(5);
  await spy();
  await page.locator('.dropzone').dispatchEvent('dragover');
  await expect.poll(async () => (await requests()).length).toBeGreaterThan(0);
  await expect(rows(page)).toHaveCount(5);
});

test('the accountmanager\'s notes on an employer are encrypted to their key, beside each of its results, and restored from their file', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vio-notes-'));
  const { identityPath, publicKey } = await createKeyWithBackup(page, 'WSP Test', dir);
  const bakery = synth(publicKey, 24, 2, 'Bakkerij De Korrel');
  const garage = synth(publicKey, 25, 1, 'Garage Jansen');
  const open = async () => {
    await page.getByLabel(ui.am_choose_files.nl).setInputFiles([...bakery, ...garage]);
    await expect(rows(page)).toHaveCount(3);
  };
  const view = (row) => page.locator('table.files tbody tr').nth(row).getByRole('link', { name: new RegExp(`^${ui.am_view.nl}`) }).click();
  await open();
  await view(0);
  const notes = page.getByLabel(ui.notes_notes.nl);
  const agreements = page.getByLabel(ui.notes_agreements.nl);
  await expect(notes).toBeEditable();
  // Each label stands above its own field (the second stood beside the first field).
  for (const [label, field] of [[ui.notes_notes.nl, notes], [ui.notes_agreements.nl, agreements]]) {
    const box = await page.locator('label', { hasText: label }).boundingBox();
    expect(box.y + box.height, `${label} above its field`).toBeLessThanOrEqual((await field.boundingBox()).y);
  }
  await notes.fill('Wil starten met één proefplaats in de bakkerij.');
  await agreements.fill('Maart: werkplekaanpassing uitzoeken met het UWV.');
  await expect(page.getByRole('status').filter({ hasText: ui.notes_saved.nl })).toBeVisible();
  // Said right below the fields being typed in (it stood some 130 px lower, under the file field).
  const fieldBottom = await agreements.boundingBox().then((b) => b.y + b.height);
  const saidAt = (await page.getByRole('status').filter({ hasText: ui.notes_saved.nl }).boundingBox()).y;
  expect(saidAt - fieldBottom).toBeLessThan(40);
  await expectNoAxeViolations(page, 'the accountmanager\'s notes');

  // At rest: an age file, nothing readable.
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('vio-accountmanager');
    req.onsuccess = () => {
      const all = req.result.transaction('employer-notes').objectStore('employer-notes').getAll();
      all.onsuccess = () => resolve(all.result.map((r) => ({ id: r.id, text: new TextDecoder('latin1').decode(r.bytes) })));
    };
  }));
  expect(stored).toHaveLength(1);
  expect(stored[0].text.startsWith('age-encryption.org/v1\n')).toBe(true);
  expect(stored[0].text + stored[0].id).not.toMatch(/proefplaats|korrel/i);

  // Downloaded: the age CLI opens it with the accountmanager's key.
  const file = join(dir, 'notes.age');
  expect(await download(page, ui.notes_download.nl, file)).toBe(`vio-notities-bakkerij-de-korrel-${new Date().toISOString().slice(0, 10)}.age`);
  const plain = JSON.parse(execFileSync('age', ['-d', '-i', identityPath, file]).toString());
  expect(plain).toMatchObject({ organisation: 'Bakkerij De Korrel', notes: 'Wil starten met één proefplaats in de bakkerij.', agreements: 'Maart: werkplekaanpassing uitzoeken met het UWV.' });

  // The other measurement of the bakery shows the same notes; the garage has none.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await view(1);
  await expect(notes).toHaveValue('Wil starten met één proefplaats in de bakkerij.');
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await view(2);
  await expect(notes).toBeEditable();
  await expect(notes).toHaveValue('');

  // After the browser closed (nothing kept but the notes): the same result opened again shows them.
  await page.goto('accountmanager/');
  await open();
  await view(1);
  await expect(agreements).toHaveValue('Maart: werkplekaanpassing uitzoeken met het UWV.');

  // Deleted after a confirmation: gone from the device.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: ui.notes_delete.nl }).click();
  await expect(notes).toHaveValue('');
  await page.goto('accountmanager/');
  await open();
  await view(0);
  await expect(notes).toBeEditable();
  await expect(notes).toHaveValue('');

  // Restored from the downloaded file (as on another device): back, and saved again.
  const restore = page.getByLabel(ui.notes_restore.nl);
  await restore.setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: ui.notes_restored.nl })).toBeVisible();
  await expect(notes).toHaveValue('Wil starten met één proefplaats in de bakkerij.');
  await expect(agreements).toHaveValue('Maart: werkplekaanpassing uitzoeken met het UWV.');
  await page.goto('accountmanager/');
  await open();
  await view(1);
  await expect(agreements).toHaveValue('Maart: werkplekaanpassing uitzoeken met het UWV.');
  // Over notes typed since: only after a confirmation; declined, nothing changes.
  await notes.fill('Tweede gesprek gepland.');
  await expect(page.getByRole('status').filter({ hasText: ui.notes_saved.nl })).toBeVisible();
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await restore.setInputFiles(file);
  await expect.poll(() => asked).toEqual([ui.notes_confirm_restore.nl]);
  await expect(notes).toHaveValue('Tweede gesprek gepland.');
  // The bakery's notes are not the garage's, and a result is no notes file: said, nothing changed.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await view(2);
  await expect(notes).toBeEditable();
  await restore.setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: ui.notes_restore_other.nl.replace('{name}', 'Bakkerij De Korrel') })).toBeVisible();
  await expect(notes).toHaveValue('');
  await restore.setInputFiles(garage[0]);
  await expect(page.getByRole('status').filter({ hasText: ui.notes_restore_not_notes.nl })).toBeVisible();
  await expect(notes).toHaveValue('');
  await expectNoAxeViolations(page, 'notes that did not restore');
});

test('notes no key here opens are said so and never overwritten', async ({ page }) => {
  const key = await createKey(page);
  const files = synth(key, 26, 1, 'Schoonmaak Rijnmond');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await page.getByRole('link', { name: new RegExp(`^${ui.am_view.nl}`) }).click();
  await page.getByLabel(ui.notes_notes.nl).fill('Eerste gesprek: twee plekken in de avondploeg.');
  await expect(page.getByRole('status').filter({ hasText: ui.notes_saved.nl })).toBeVisible();
  const sealed = async () => page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('vio-accountmanager');
    req.onsuccess = () => {
      const all = req.result.transaction('employer-notes').objectStore('employer-notes').getAll();
      all.onsuccess = () => resolve(all.result.map((r) => btoa(String.fromCharCode(...r.bytes))));
    };
  }));
  const before = await sealed();

  // A new key in use, the old one removed: the result stays open in this tab, its notes do not open.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await page.getByText(ui.am_another_key.nl).click();
  await page.getByRole('button', { name: ui.am_create_another.nl }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: new RegExp(`^${ui.am_remove_older.nl} `) }).click();
  await page.getByRole('link', { name: new RegExp(`^${ui.am_view.nl}`) }).click();
  await expect(page.getByText(ui.notes_unreadable.nl)).toBeVisible();
  await expect(page.getByLabel(ui.notes_notes.nl)).toBeDisabled();
  await expect(page.getByLabel(ui.notes_agreements.nl)).toBeDisabled();
  await expect(page.getByRole('button', { name: ui.notes_download.nl })).toBeDisabled();
  await expect(page.getByLabel(ui.notes_restore.nl)).toBeDisabled();
  expect(await sealed()).toEqual(before);
  await expectNoAxeViolations(page, 'notes no key opens');
});
