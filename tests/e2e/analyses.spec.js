// Repeated measurement: three analyses a year apart (the clock moved by Playwright), a plan with a goal,
// the dashboard, comparison, the printed report, delete with undo, and two tabs at once.
import { expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Decrypter } from 'age-encryption';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeQuestionnaire, expectNoAxeViolations, expectNoSidewaysScroll, factorName, fillToResult, newGuardedContext, profiles, test, ui, vio } from './helpers.js';

const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

test('three analyses over time, a goal, comparison, report, backup into a fresh browser, delete with undo', async ({ page, browser }) => {
  page.on('dialog', (d) => d.accept());
  await page.clock.setFixedTime(new Date('2024-04-15T10:00:00'));
  await page.goto('./');
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  // A goal for the plan van aanpak, linked to a factor, saved as it is typed.
  await page.getByRole('button', { name: ui.plan_add.nl }).click();
  await page.getByLabel(ui.plan_factor.nl).selectOption({ label: factorName('attitude') });
  await page.getByLabel(ui.plan_what.nl).fill('Twee werkervaringsplekken');
  await page.getByLabel(ui.plan_who.nl).fill('Hoofd personeelszaken');
  await page.getByLabel(ui.plan_when.nl).fill('Voor 1 januari');
  await page.getByLabel(ui.plan_measure.nl).fill('Twee mensen zijn gestart');
  await page.getByLabel(ui.plan_support.nl, { exact: true }).fill('Jobcoach');
  await expectNoAxeViolations(page, 'result with a plan');
  await page.reload();
  await expect(page.getByLabel(ui.plan_what.nl)).toHaveValue('Twee werkervaringsplekken');
  // The plan goes into a shared result file.
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  await expect(page.getByText(t('share_preview_plan', { n: 1 }))).toBeVisible();
  await page.getByLabel(ui.share_by_passphrase.nl).check();
  await page.getByLabel(ui.share_passphrase_label.nl, { exact: true }).fill('plan voor de accountmanager');
  const [shared] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.share_download.nl }).click()]);
  const decrypter = new Decrypter();
  decrypter.addPassphrase('plan voor de accountmanager');
  const envelope = JSON.parse(await decrypter.decrypt(readFileSync(await shared.path()), 'text'));
  expect(envelope.plan).toEqual([{ factor: 'attitude', what: 'Twee werkervaringsplekken', who: 'Hoofd personeelszaken', when: 'Voor 1 januari', measure: 'Twee mensen zijn gestart', support: 'Jobcoach' }]);
  expect(envelope.completed_on).toBe('2024-04-15');
  await page.goto('./#/resultaat');

  // A year later: start from the last answers, change some, reach the result.
  await page.clock.setFixedTime(new Date('2025-04-15T10:00:00'));
  await page.reload();
  await page.getByRole('link', { name: ui.my_analyses.nl }).click();
  await expect(page.getByText('15-04-2024')).toBeVisible();
  await page.getByRole('button', { name: ui.new_from_last.nl }).click();
  await expect(page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue(String(profiles.terughoudend.answers.medewerkers));
  await fillToResult(page);

  // Another year: an empty analysis with the inclusive profile.
  await page.clock.setFixedTime(new Date('2026-04-15T10:00:00'));
  await page.goto('./#/analyses');
  await page.getByRole('button', { name: ui.new_empty.nl }).click();
  await expect(page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue('');
  // Unfinished, it shows as "bezig" with "Ga verder".
  await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('80');
  await page.goto('./#/analyses');
  await expect(page.getByText(t('analysis_unfinished', { n: 1 }))).toBeVisible();
  await page.getByRole('link', { name: ui.resume.nl }).click();
  await expect(page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue('80');
  await fillToResult(page, profiles.inclusief.answers);

  await page.goto('./#/analyses');
  for (const date of ['15-04-2024', '15-04-2025', '15-04-2026']) {
    await expect(page.getByRole('link', { name: `${ui.analysis_view.nl}: ${t('analysis_of', { date })}` })).toBeVisible();
  }
  await expectNoAxeViolations(page, 'Mijn analyses');

  // Compare the first and the last: change per factor in words, and the goal's outcome.
  await page.getByLabel(ui.compare_earlier.nl).selectOption({ label: '15-04-2024' });
  await page.getByLabel(ui.compare_later.nl).selectOption({ label: '15-04-2026' });
  await page.getByRole('button', { name: ui.compare.nl, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.compare_title.nl })).toBeVisible();
  const intentRow = page.getByRole('row', { name: new RegExp(`^${factorName('intentie')}`) });
  await expect(intentRow).toContainText(ui.change_better.nl);
  await expect(page.getByText('Twee werkervaringsplekken')).toBeVisible();
  await expect(page.locator('#radar svg')).toBeVisible();
  // The legend is HTML, not ECharts': both dates, each mark in the colour of its shape.
  await expect(page.locator('.chart-legend li')).toHaveText(['15-04-2024', '15-04-2026']);
  for (const [i, colour] of ['#123f7a', '#c2410c'].entries()) {
    await expect(page.locator(`#radar svg path[stroke="${colour}"]`).first()).toBeAttached();
    await expect(page.locator('.chart-legend .mark').nth(i)).toHaveCSS('background-color', rgb(colour));
  }
  await expectNoAxeViolations(page, 'comparison');
  // The four columns fit the narrowest phone (320 px, WCAG 1.4.10): the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 740 });
  await expectNoSidewaysScroll(page, 'the comparison at 320 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The report of one analysis: at most two A4 pages.
  await page.goto('./#/analyses');
  await page.getByRole('link', { name: `${ui.analysis_view.nl}: ${t('analysis_of', { date: '15-04-2024' })}` }).click();
  await expect(page.locator('#radar svg')).toBeVisible();
  await expect(page.getByRole('heading', { name: ui.plan_title.nl })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, 'report pages').toBeGreaterThan(0);
  expect(pages, 'report pages').toBeLessThanOrEqual(2);
  await page.emulateMedia({ media: 'screen' });

  // Backup, restored into a fresh browser profile: the same analyses; restoring twice adds nothing.
  await page.goto('./#/analyses');
  await page.getByLabel(ui.backup_passphrase.nl).fill('verhuizen naar een andere laptop');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.backup_download.nl }).click()]);
  const backupPath = join(mkdtempSync(join(tmpdir(), 'vio-backup-')), download.suggestedFilename());
  await download.saveAs(backupPath);
  const analysesOf = (p) => p.evaluate(() => JSON.parse(localStorage.getItem('vio.state')).analyses.map(({ completed_on, answers, plan }) => ({ completed_on, answers, plan })));
  const fresh = await newGuardedContext(browser);
  const other = await fresh.context.newPage();
  await other.goto('./#/analyses');
  await other.getByLabel(ui.backup_passphrase.nl).fill('niet het wachtwoord');
  await other.getByLabel(ui.backup_restore.nl).setInputFiles(backupPath);
  await expect(other.getByText(ui.err_wrong_passphrase.nl)).toBeVisible();
  await other.getByLabel(ui.backup_passphrase.nl).fill('verhuizen naar een andere laptop');
  await other.getByLabel(ui.backup_restore.nl).setInputFiles(backupPath);
  await expect(other.getByText(t('backup_restored', { added: 3, there: 0 }))).toBeVisible();
  expect(await analysesOf(other)).toEqual(await analysesOf(page));
  await other.getByLabel(ui.backup_restore.nl).setInputFiles(backupPath);
  await expect(other.getByText(t('backup_restored', { added: 0, there: 3 }))).toBeVisible();
  expect(await analysesOf(other)).toEqual(await analysesOf(page));
  await fresh.done();

  // Delete one, undo, delete it again; then delete all (confirmed).
  await page.goto('./#/analyses');
  const title = t('analysis_of', { date: '15-04-2025' });
  await page.getByRole('button', { name: `${ui.delete.nl}: ${title}` }).click();
  await expect(page.getByText(t('deleted', { date: '15-04-2025' }))).toBeVisible();
  await page.getByRole('button', { name: ui.undo.nl }).click();
  await expect(page.getByRole('link', { name: `${ui.analysis_view.nl}: ${title}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: `${ui.analysis_view.nl}: ${title}` })).toBeVisible();
  await page.getByRole('button', { name: ui.delete_all.nl }).click();
  await expect(page.getByText(ui.analyses_empty.nl)).toBeVisible();
});

test('two open tabs do not overwrite each other\'s answers', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('./');
  await a.getByRole('button', { name: 'Start', exact: true }).click();
  const b = await context.newPage();
  await b.goto(a.url());
  await expect(b.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toBeVisible();
  await a.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('40');
  await expect(b.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue('40');
  await b.getByLabel(vio.sections[0].items[2].text.nl, { exact: true }).fill('3');
  await expect(a.getByLabel(vio.sections[0].items[2].text.nl, { exact: true })).toHaveValue('3');
  await a.reload();
  await expect(a.getByLabel(vio.sections[0].items[1].text.nl, { exact: true })).toHaveValue('40');
  await expect(a.getByLabel(vio.sections[0].items[2].text.nl, { exact: true })).toHaveValue('3');
});

function rgb(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
