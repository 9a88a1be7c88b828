// Regionale analyse in the accountmanager's page: synthetic result files (made by the core's seeded
// generator, vio-synth) are opened and combined into tables and stacked bars; small selections show
// nothing; CSV and XLSX download for Excel.
import { expect } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey, expectNoAxeViolations, expectNoSidewaysScroll, test, ui, vio } from './helpers.js';

const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

/** Makes a key in the page and `count` synthetic result files for it. */
export async function keyAndResults(page, count, seed = 1) {
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Test');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  const key = (await page.locator('#public-key').innerText()).trim();
  const out = mkdtempSync(join(tmpdir(), 'vio-synth-'));
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', String(seed), '--count', String(count), '--recipient', key, '--out', out]);
  return readdirSync(out).sort().map((f) => join(out, f));
}

test('many results combine into the regional tables; CSV for Excel; too few shows nothing', async ({ page }) => {
  const files = await keyAndResults(page, 60);
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(page.locator('table.files tbody tr')).toHaveCount(60);
  // The same files handed over again are listed as already open and counted once.
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.slice(0, 3));
  await expect(page.locator('table.files tbody tr')).toHaveCount(63);
  await expect(page.getByText(ui.err_duplicate.nl)).toHaveCount(3);
  await expect(page.getByText(t('am_files_summary', { n: 63, opened: 60, failed: 3 }))).toBeVisible();
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.region_title.nl })).toBeVisible();
  await expect(page.getByText(t('region_n', { n: 60 }))).toBeVisible();
  const gedrag = vio.factors.find((f) => f.id === 'gedrag').indicators[0].name.nl;
  const table = page.locator('table.region', { has: page.locator('caption', { hasText: gedrag }) });
  const total = table.getByRole('row', { name: new RegExp(`^${ui.group_total.nl} `) });
  const cells = await total.getByRole('cell').allInnerTexts();
  // N counts organisations with a known light; with the onbekend ones they are all 60.
  expect(Number(cells[0]) + Number(cells[4])).toBe(60);
  const shares = cells.slice(1, 4).map((c) => Number(c.replace(',', '.')));
  expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
  await expect(page.getByText(ui.region_note.nl)).toBeVisible();
  // Each indicator also as stacked bars: one bar per shown group, rood/oranje/groen stacked.
  const section = page.locator('section.region-indicator', { has: page.getByRole('heading', { name: gedrag, exact: true }) });
  await expect(section.getByRole('img', { name: ui.region_chart_alt.nl })).toBeVisible();
  await expect(section.getByText(ui.light_groen.nl, { exact: true }).first()).toBeVisible();
  // Groen's colour: its legend mark plus a bar for each shown group that has groen.
  expect(await section.locator('svg path[fill="#067647"]').count()).toBeGreaterThan(2);
  // Pointing at a bar writes no markup (an ECharts tooltip would, and Trusted Types refuse it).
  await section.locator('svg path[fill="#067647"]').last().hover();
  await expect(page.locator('#not-working')).toBeHidden();
  await expectNoAxeViolations(page, 'regional analysis');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.region_csv.nl }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.split('\n')[0].split(';')).toHaveLength(10);
  expect(csv).toContain(`${gedrag};${ui.group_total.nl};`);

  // The same tables as an Excel workbook (a zip with three sheets), made in the browser.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.region_xlsx.nl }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^vio-regionale-analyse-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = readFileSync(await xlsx.path());
  expect(book.subarray(0, 2).toString()).toBe('PK');
  for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml', 'xl/sharedStrings.xml']) {
    expect(book.includes(Buffer.from(part)), part).toBe(true);
  }

  // A period with no results at all, then one so narrow it would single out employers.
  await page.getByLabel(ui.region_from.nl).fill('2030-01-01');
  await page.getByRole('button', { name: ui.region_apply.nl }).click();
  await expect(page.getByText(ui.region_too_few.nl)).toBeVisible();
  // A half-typed date is not a selection.
  await page.getByLabel(ui.region_from.nl).fill('2030-01');
  await page.getByRole('button', { name: ui.region_apply.nl }).click();
  await expect(page.getByText(ui.region_bad_date.nl)).toBeVisible();
});

test('the command-line tool gives the same tables as the page for the same files', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vio-cli-'));
  const { publicKey, identityPath } = await createKey(page, 'WSP Analist', dir);
  const out = join(dir, 'results');
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', '7', '--count', '40', '--recipient', publicKey, '--out', out]);
  // A copy under another name counts once; a file that is no result is refused; both in both.
  const files = readdirSync(out).sort().map((f) => join(out, f));
  copyFileSync(files[0], join(out, 'kopie.age'));
  writeFileSync(join(out, 'notitie.txt'), 'geen resultaat');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(readdirSync(out).map((f) => join(out, f)));
  await expect(page.locator('table.files tbody tr')).toHaveCount(42);
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  await expect(page.getByText(t('region_n', { n: 40 }))).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.region_csv.nl }).click()]);
  const fromPage = readFileSync(await download.path(), 'utf8');

  const cli = (...args) => spawnSync('cargo', ['run', '--quiet', '-p', 'vio-region', '--', '--identity', identityPath, out, ...args], { encoding: 'utf8' });
  const run = cli('--csv', join(dir, 'cli.csv'));
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain('40 opened, 1 counted once already, 1 not opened');
  expect(run.stderr).toContain(`notitie.txt: ${ui.err_not_age.nl}`);
  expect(readFileSync(join(dir, 'cli.csv'), 'utf8')).toBe(fromPage);
  // A selection too small to show is refused there as here, and nothing is written.
  const tooFew = cli('--from', '2030-01-01', '--csv', join(dir, 'none.csv'));
  expect(tooFew.status).toBe(1);
  expect(tooFew.stderr).toContain(ui.region_too_few.nl);
  expect(() => readFileSync(join(dir, 'none.csv'))).toThrow();
});

test('a pool of workers opens files as the page alone does: same list, same messages, same tables', async ({ page, browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vio-pool-'));
  // Counts the workers the page starts (the start script's first, and the pool's).
  await page.addInitScript(() => {
    const Real = globalThis.Worker;
    globalThis.workersStarted = 0;
    globalThis.Worker = class extends Real {
      constructor(...args) {
        super(...args);
        globalThis.workersStarted += 1;
      }
    };
  });
  const { publicKey, identityPath } = await createKey(page, 'WSP Pool', dir);
  const out = join(dir, 'results');
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', '11', '--count', '150', '--recipient', publicKey, '--out', out]);
  const results = readdirSync(out).sort();
  // Every way a file can fail, among the results: a copy, no age file, too large, another key.
  copyFileSync(join(out, results[0]), join(out, 'z-kopie.age'));
  writeFileSync(join(out, 'notitie.txt'), 'geen resultaat');
  writeFileSync(join(out, 'groot.age'), Buffer.alloc(2 * 1024 * 1024, 1));
  const other = mkdtempSync(join(tmpdir(), 'vio-other-'));
  execFileSync('age-keygen', ['-o', join(other, 'key.txt')], { stdio: 'ignore' });
  const otherKey = execFileSync('age-keygen', ['-y', join(other, 'key.txt')], { encoding: 'utf8' }).trim();
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', '3', '--count', '1', '--recipient', otherKey, '--out', other]);
  copyFileSync(join(other, 'vio-resultaat-00001.age'), join(out, 'andere-sleutel.age'));
  const files = readdirSync(out).sort().map((f) => join(out, f));

  /** Opens every file; returns each row's file name and status, and the regional CSV. */
  const openAll = async (p) => {
    await p.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
    await expect(p.locator('table.files tbody tr')).toHaveCount(files.length);
    await expect(p.locator('progress')).toHaveCount(0);
    const rows = await p.locator('table.files tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].innerText, tr.cells[3].innerText].join(': ')));
    await p.getByRole('link', { name: ui.region_open.nl }).click();
    await expect(p.getByText(t('region_n', { n: 150 }))).toBeVisible();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: ui.region_csv.nl }).click()]);
    return { rows: rows.sort(), csv: readFileSync(await download.path(), 'utf8') };
  };
  const pooled = await openAll(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(await page.evaluate(() => globalThis.workersStarted)).toBe(Math.min(Math.max(cores, 1), 8));

  // The same files on the page's own thread: a browser that runs no workers.
  const alone = await (await browser.newContext({ baseURL: page.url().replace(/accountmanager\/.*$/, '') })).newPage();
  await alone.addInitScript(() => { delete globalThis.Worker; });
  await alone.goto('accountmanager/');
  await alone.getByLabel(ui.am_restore_choose.nl).setInputFiles(identityPath);
  await expect(alone.locator('#public-key')).toHaveText(publicKey);
  const single = await openAll(alone);
  expect(pooled.rows).toEqual(single.rows);
  expect(pooled.csv).toBe(single.csv);
  for (const [name, message] of [['z-kopie.age', ui.err_duplicate.nl], ['notitie.txt', ui.err_not_age.nl], ['groot.age', ui.err_too_large.nl], ['andere-sleutel.age', ui.err_wrong_key.nl]]) {
    expect(pooled.rows).toContain(`${name}: ${message}`);
  }
  await alone.context().close();
});

test('the regional screen renders what is near the window first; on a phone every section whole and each wide table scrolls in its own box', async ({ page }) => {
  const files = await keyAndResults(page, 30);
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  const last = page.locator('section.region-indicator').last();
  const rendered = () => last.getByRole('heading').evaluate((h) => h.checkVisibility({ contentVisibilityAuto: true }));
  // The indicators far below the window wait until the accountmanager scrolls to them.
  await expect.poll(rendered).toBe(false);
  await last.scrollIntoViewIfNeeded();
  await expect.poll(rendered).toBe(true);
  await expect(last.getByRole('img', { name: ui.region_chart_alt.nl })).toBeVisible();
  await expect(last.locator('table.region tbody tr').first()).toBeVisible();
  // On a phone a table is wider than its section, and containment would cut off what sticks out.
  await page.setViewportSize({ width: 360, height: 740 });
  const styles = await page.locator('section.region-indicator').evaluateAll((all) => all.map((s) => getComputedStyle(s).contentVisibility));
  expect(styles).toHaveLength(vio.factors.flatMap((f) => f.indicators).length);
  expect(styles.filter((v) => v !== 'visible')).toEqual([]);
  // Seven columns do not fit 360 px: the table scrolls sideways in its box, never the page (WCAG
  // 1.4.10), and the box is a named tab stop, so the keyboard scrolls it too (WCAG 2.1.1).
  await expectNoSidewaysScroll(page, 'the regional analysis at 360 px');
  const gedrag = vio.factors.find((f) => f.id === 'gedrag').indicators[0].name.nl;
  const box = page.getByRole('group', { name: `${gedrag} – ${ui.region_as_table.nl}`, exact: true });
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => box.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'regional analysis at 360 px');
  // The list of opened files (five columns) too.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await expectNoSidewaysScroll(page, 'the list of opened files at 360 px');
  // A file's name and a date break where a reader expects, or not at all: every line of the first
  // row's name ends with a hyphen (it read "vio-|resulta|at-|00001.a|ge" before), its date is one line.
  const lineEnds = await page.locator('table.files tbody tr').first().locator('td').first().evaluate((cell) => {
    const text = cell.firstChild;
    const range = document.createRange();
    const top = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().top; };
    return [...text.data].flatMap((c, i) => (i > 0 && top(i) > top(i - 1) ? [text.data[i - 1]] : []));
  });
  expect(lineEnds.length, 'the name wraps at 360 px, so its breaks are tested').toBeGreaterThan(0);
  expect(lineEnds.filter((c) => c !== '-'), 'characters a line of the file name ends with').toEqual([]);
  const date = page.locator('table.files tbody tr').first().locator('td').nth(1);
  const dateLines = await date.evaluate((d) => { const r = document.createRange(); r.selectNodeContents(d); return new Set([...r.getClientRects()].map((q) => q.top)).size; });
  expect(dateLines, 'lines the date takes').toBe(1);
  await expect(page.getByRole('group', { name: ui.am_files_title.nl })).toHaveAttribute('tabindex', '0');
  // On a wide screen nothing scrolls, and the tables are no tab stops.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.locator('.scroll-box[tabindex]')).toHaveCount(0);
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  await expect(page.locator('table.region').first()).toBeVisible();
  await expect(page.locator('.scroll-box[tabindex]')).toHaveCount(0);
});

test('the regional screen waits for files still opening, then shows all of them once; clearing the list stops them', async ({ page }) => {
  const files = await keyAndResults(page, 1000, 7);
  // Every count of organisations the screen ever shows, and whether it said it was waiting.
  await page.evaluate(() => {
    globalThis.shownN = [];
    new MutationObserver(() => {
      const n = document.querySelector('p[role=status] strong')?.textContent;
      if (n && n !== globalThis.shownN.at(-1)) globalThis.shownN.push(n);
      if (document.querySelector('p[role=status] progress') && location.hash.includes('regio')) globalThis.waited = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  // Clicked as soon as the first files are listed, while the rest still open.
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  // What is checked is the order of things, not the speed (bench/regional measures that): on a busy
  // CI machine a thousand files once took longer than the default 5 s.
  await expect(page.getByText(t('region_n', { n: 1000 }))).toBeVisible({ timeout: 60_000 });
  // Partial tables were never shown: they would also have counted in the session's audit, and the
  // complete view could then be refused as differing by a few organisations from the last of them.
  expect(await page.evaluate(() => globalThis.shownN)).toEqual([t('region_n', { n: 1000 })]);
  await expect(page.getByText(ui.region_close_to_earlier.nl)).toHaveCount(0);
  // It said so meanwhile, with the progress (a thousand files take longer than the click).
  expect(await page.evaluate(() => globalThis.waited)).toBe(true);

  // "Lijst wissen" while the same files open again: the rest are not added after all.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await page.getByRole('button', { name: ui.am_clear_files.nl }).click();
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await page.getByRole('button', { name: ui.am_clear_files.nl }).click();
  await expect(page.locator('progress')).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page.locator('table.files')).toHaveCount(0);
});

test('more files than a page: the list shows 200 at a time, says how many opened, and pages through all', async ({ page }) => {
  const files = await keyAndResults(page, 203, 5);
  // One that does not open, on the second page.
  const bad = join(mkdtempSync(join(tmpdir(), 'vio-bad-')), 'zz-notitie.age');
  writeFileSync(bad, 'geen resultaat');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles([...files, bad]);
  await expect(page.locator('progress')).toHaveCount(0);
  await expect(page.getByText(t('am_files_summary', { n: 204, opened: 203, failed: 1 }))).toBeVisible();
  const rows = page.locator('table.files tbody tr');
  await expect(rows).toHaveCount(200);
  const pages = page.getByRole('navigation', { name: ui.am_files_pages.nl });
  await expect(pages.getByText(t('am_files_page', { from: 1, to: 200, n: 204 }))).toBeVisible();
  await expect(pages.getByRole('button', { name: t('am_files_previous', { n: 200 }) })).toBeDisabled();
  await pages.getByRole('button', { name: t('am_files_next', { n: 200 }) }).click();
  await expect(pages.getByText(t('am_files_page', { from: 201, to: 204, n: 204 }))).toBeVisible();
  await expect(rows).toHaveCount(4);
  await expect(rows.last()).toContainText('zz-notitie.age');
  await expect(pages.getByRole('button', { name: t('am_files_next', { n: 200 }) })).toBeDisabled();
  await expectNoAxeViolations(page);
  // A result on the second page opens as any other: its link goes to that file.
  await rows.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Its 202 other results are too many to offer at once: the first 100 by name, and a search.
  await expect(page.getByLabel(ui.am_compare_other.nl).locator('option')).toHaveCount(101);
  await expect(page.getByText(t('am_compare_shown', { shown: 100, n: 202 }))).toBeVisible();
  await page.goBack();
  await expect(pages.getByText(t('am_files_page', { from: 201, to: 204, n: 204 }))).toBeVisible();
  await pages.getByRole('button', { name: t('am_files_previous', { n: 200 }) }).click();
  await expect(rows).toHaveCount(200);
});

test('two periods a day apart cannot both be shown', async ({ page }) => {
  const files = await keyAndResults(page, 60, 5);
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(page.locator('table.files tbody tr')).toHaveCount(60);
  // The dates as the list shows them (DD-MM-JJJJ), as ISO dates, sorted.
  const dates = (await page.locator('table.files tbody td:nth-child(2)').allInnerTexts()).map((d) => d.trim().split('-').reverse().join('-')).sort();
  const count = (d) => dates.filter((x) => x === d).length;
  // A first day with 1 to 4 results, at least 5 results before it and 5 after the period's end:
  // each period alone passes every check of its own.
  const k = dates.findIndex((d, i) => i >= 5 && d !== dates[i - 1] && count(d) <= 4);
  let end = dates.length - 6;
  while (dates.filter((d) => d > dates[end]).length < 5) end -= 1;
  const [from, to] = [dates[k], dates[end]];
  const dayAfter = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  expect(k > 0 && from < to).toBe(true);

  await page.getByRole('link', { name: ui.region_open.nl }).click();
  const show = async (f) => {
    await page.getByLabel(ui.region_from.nl).fill(f);
    await page.getByLabel(ui.region_to.nl).fill(to);
    await page.getByRole('button', { name: ui.region_apply.nl }).click();
  };
  await show(from);
  await expect(page.getByRole('button', { name: ui.region_csv.nl })).toBeVisible();
  await show(dayAfter);
  await expect(page.getByText(ui.region_close_to_earlier.nl)).toBeVisible();
  await expect(page.getByRole('button', { name: ui.region_csv.nl })).toHaveCount(0);
  await expect(page.locator('table.region')).toHaveCount(0);
  // Leaving the screen and coming back does not forget the first view.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  await show(dayAfter);
  await expect(page.getByText(ui.region_close_to_earlier.nl)).toBeVisible();
  // The first period again is shown.
  await show(from);
  await expect(page.getByRole('button', { name: ui.region_csv.nl })).toBeVisible();
  await expectNoAxeViolations(page, 'regional analysis after a refused view');
});

test('a region of four organisations shows nothing', async ({ page }) => {
  const files = await keyAndResults(page, 4, 9);
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(page.locator('table.files tbody tr')).toHaveCount(4);
  await page.getByRole('link', { name: ui.region_open.nl }).click();
  await expect(page.getByText(ui.region_too_few.nl)).toBeVisible();
  await expect(page.locator('table.region')).toHaveCount(0);
});
