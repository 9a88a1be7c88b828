// Shared by the browser tests: the questionnaire definition (to find questions by their visible
// text), the answer profiles, and guards for accessibility and the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const vio = JSON.parse(readFileSync(new URL('../../crates/core/data/vio.json', import.meta.url)));
// The app's texts: both pages' (ui.json, and later.json for the screens after the questionnaire)
// and the accountmanager's page's own (accountmanager.json).
export const ui = Object.assign(...['ui', 'later', 'accountmanager'].map((f) => JSON.parse(readFileSync(new URL(`../../crates/core/data/${f}.json`, import.meta.url)))));
export const profiles = JSON.parse(readFileSync(new URL('../fixtures/profiles.json', import.meta.url)));

const items = new Map(vio.sections.flatMap((s) => s.items.map((i) => [i.id, i])));
export const optionsOf = (item) => (item.scale ? vio.scales[item.scale] : item.options);

/** Records every request; `after(mark)` tells what was asked after a moment in the test. */
export function watchNetwork(page) {
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
  return {
    all: () => requests.map((r) => r.url),
    between: (from, to = Infinity) => requests.filter((r) => r.at >= from && r.at < to).map((r) => r.url),
  };
}

export async function expectNoAxeViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** The page does not scroll sideways at its current width (WCAG 1.4.10); polled, as a page may
 * still be laying out what it just drew. */
export async function expectNoSidewaysScroll(page, what) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - innerWidth), { message: `sideways scroll on ${what}` }).toBe(0);
}

/** Nothing in the page's text column sticks out to its right (where no scroll box holds it): the
 * page may not scroll sideways and still draw a table past the edge every other line keeps to. */
export async function expectWithinColumn(page, what) {
  const outside = () =>
    page.evaluate(() => {
      const column = document.querySelector('main');
      const edge = column.getBoundingClientRect().right + 1;
      const clipped = (e) => {
        for (let a = e.parentElement; a && a !== column; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
        return false;
      };
      return [...column.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > edge && !clipped(e)).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    });
  await expect.poll(outside, { message: `sticks out of the column on ${what}` }).toEqual([]);
}

/** Records every job the page sends its encryption workers from now on (`[id, job, text, bytes]`,
 * crates/crypto-worker) and how it was answered: `'bytes'`, `'none'` (refused or not done), or
 * `null` while waiting. With `holdFirst`, the first job of that kind is not sent until
 * `window.sendHeldJob()` is called. Returns a function that reads them as `{ job, text, answer }`. */
export async function watchWorkerJobs(page, { holdFirst } = {}) {
  await page.evaluate((holdFirst) => {
    window.workerJobs = [];
    let held = false;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (!this.vioListened) {
        this.vioListened = true;
        this.addEventListener('message', (e) => {
          const job = window.workerJobs.find((j) => j.id === e.data[0]);
          if (job) job.answer = e.data[1] instanceof Uint8Array ? 'bytes' : 'none';
        });
      }
      if (Array.isArray(message)) {
        window.workerJobs.push({ id: message[0], job: message[1], text: message[2], answer: null });
        if (message[1] === holdFirst && !held) {
          held = true;
          window.sendHeldJob = () => post.call(this, message, ...rest);
          return undefined;
        }
      }
      return post.call(this, message, ...rest);
    };
  }, holdFirst);
  return () => page.evaluate(() => window.workerJobs.map(({ job, text, answer }) => ({ job, text, answer })));
}

/** Answers the questions of the current page that the profile has answers for, by their labels. */
export async function answerCurrentPage(page, answers, lang = 'nl') {
  const title = (await page.locator('#main h1').innerText()).trim();
  const section = vio.sections.find((s) => s.title[lang] === title);
  expect(section, `a section titled ${title}`).toBeTruthy();
  for (const item of section.items) {
    if (!(item.id in answers)) continue;
    const value = answers[item.id];
    if (item.type === 'choice') {
      const option = optionsOf(item).find((o) => o.id === value);
      const group = page.getByRole('group', { name: item.text[lang], exact: true });
      await group.getByLabel(option.label[lang], { exact: true }).check();
    } else {
      await page.getByLabel(item.text[lang], { exact: true }).fill(String(value));
    }
  }
  return section;
}

export const nextButton = (page) => page.getByRole('button', { name: ui.next.nl });

/** From the start screen through every page to the result; calls `onPage` on each page first. */
export async function completeQuestionnaire(page, answers, onPage = async () => {}) {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  for (let step = 0; step < 20; step++) {
    await expect(page.locator('#main h1')).toBeFocused();
    if (page.url().endsWith('#/resultaat')) return;
    await onPage(step);
    await answerCurrentPage(page, answers);
    const before = await page.evaluate(() => location.hash);
    await nextButton(page).click();
    await page.waitForFunction((s) => location.hash !== s, before);
    if (page.url().endsWith('#/resultaat')) return;
  }
  throw new Error('never reached the result');
}

/** From the current page to the result, answering what `answers` has and keeping the rest. */
export async function fillToResult(page, answers = {}) {
  for (let step = 0; step < 20 && !page.url().endsWith('#/resultaat'); step++) {
    await expect(page.locator('#main h1')).toBeFocused();
    await answerCurrentPage(page, answers);
    const before = await page.evaluate(() => location.hash);
    await nextButton(page).click();
    await page.waitForFunction((s) => location.hash !== s, before);
  }
  await expect(page.getByRole('heading', { level: 1, name: ui.result_title.nl })).toBeVisible();
}

export const factorName = (id, lang = 'nl') => vio.factors.find((f) => f.id === id).name[lang];

/**
 * Collects console errors and Content-Security-Policy violations from every page of a context.
 * dist/ is served with the headers of dist/_headers, so these are the deployed policy's violations.
 */
export async function guard(context) {
  const problems = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  // A copy without a config.json (it is optional, docs/DEPLOY.md) answers its request with 404,
  // which Chromium logs as an error; nothing is wrong with the page.
  const absentConfig = (m) => m.location().url.endsWith('/config.json') && m.text().includes('404');
  const watch = (page) => page.on('console', (m) => { if (m.type() === 'error' && !absentConfig(m)) problems.push(`${page.url()}: ${m.text()}`); });
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

/** A context of its own (another device), guarded like the default one. */
export async function newGuardedContext(browser) {
  const context = await browser.newContext({ acceptDownloads: true });
  const problems = await guard(context);
  return { context, done: async () => { await context.close(); expect(problems, 'CSP violations or console errors').toEqual([]); } };
}

/** Every test fails on a CSP violation or console error, unless it provokes errors on purpose. */
export const test = base.extend({
  consoleErrorsExpected: [false, { option: true }],
  context: async ({ context, consoleErrorsExpected }, use) => {
    const problems = await guard(context);
    await use(context);
    if (!consoleErrorsExpected) expect(problems, 'CSP violations or console errors').toEqual([]);
  },
});

/** Creates a key on the accountmanager's page and downloads its plain backup into `dir`. */
export async function createKey(page, name, dir) {
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_name_label.nl).fill(name);
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  const fingerprint = (await page.locator('#fingerprint').innerText()).trim();
  const publicKey = (await page.locator('#public-key').innerText()).trim();
  const link = await page.getByRole('textbox', { name: ui.am_share_link.nl }).inputValue();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.am_backup_plain.nl }).click()]);
  const identityPath = join(dir, `identity-${fingerprint}.txt`);
  await download.saveAs(identityPath);
  return { name, fingerprint, publicKey, link, identityPath };
}

/** Clicks a download button and saves the file at `path`; returns the suggested name. */
export async function download(page, buttonName, path) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  await d.saveAs(path);
  return d.suggestedFilename();
}

/** How long a test waits for a passphrase file to open: scrypt takes seconds by design, more on a busy machine. */
export const SCRYPT_WAIT = 30_000;

/** Opens files on the accountmanager's page and returns the status cell text per file name. */
export async function openFiles(page, files) {
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(files.map(([name, buffer]) => ({ name, mimeType: 'application/octet-stream', buffer })));
  const statuses = {};
  for (const [name] of files) {
    const row = page.locator('table.files tr', { has: page.locator('td', { hasText: name }) }).last();
    await expect(row).toBeVisible({ timeout: SCRYPT_WAIT });
    statuses[name] = (await row.locator('td').nth(3).innerText()).trim();
  }
  return statuses;
}
