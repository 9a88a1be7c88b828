// Sealed and offline: no third-party origin in dist/, the deployed headers, the Content-Security-Policy
// (every other test also fails on a violation, see helpers.js), the service worker's offline journey,
// and a new release replacing the old one without mixing files.
import { expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../serve.mjs';
import { completeQuestionnaire, factorName, profiles, test, ui } from './helpers.js';

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

test('no third-party origin anywhere in dist/', () => {
  // URLs that are names, not places anything is loaded from: XML namespaces (also those the XLSX
  // export writes into its files), and licence or documentation links inside comments and error
  // messages of bundled libraries.
  const names = [/^http:\/\/www\.w3\.org\//, /^http:\/\/schemas\.openxmlformats\.org\//, /^http:\/\/schemas\.microsoft\.com\/office\//, /^http:\/\/purl\.org\/dc\//, /^http:\/\/www\.apache\.org\/licenses\//, /^http:\/\/opensource\.org\/licenses\//, /^https:\/\/docs\.rs\//, /^https:\/\/developer\.mozilla\.org\//];
  const found = walk('dist').flatMap((f) => [...readFileSync(f, 'latin1').matchAll(/(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)<>]*/gi)].map((m) => `${f}: ${m[0]}`));
  const places = found.filter((hit) => { const url = hit.split(': ')[1]; return url.startsWith('//') || !names.some((n) => n.test(url)); });
  expect(places).toEqual([]);
  // What may be loaded at all: only our own files, referenced relatively.
  for (const page of ['dist/index.html', 'dist/accountmanager/index.html']) {
    const refs = [...readFileSync(page, 'utf8').matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !r.startsWith('./') && !/^[\w-]+\.(js|css|webmanifest)$/.test(r) && !r.startsWith('data:'))).toEqual([]);
  }
});

test('dist/ is served with the deployed security headers and the policy holds on every screen', async ({ page }) => {
  const response = await page.goto('./');
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers['strict-transport-security']).toContain('max-age=');
  expect(headers['x-content-type-options']).toBe('nosniff');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const part of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'"]) expect(meta).toContain(part);
  // The guard in helpers.js fails this test on any violation while the journey runs.
  await completeQuestionnaire(page, profiles.weet_niet.answers);
  await expect(page.locator('#radar svg')).toBeVisible();
  // The encryption worker (the page's own glue and wasm, scripts/seal.mjs) works under the policy too.
  await page.goto('./#/delen');
  await page.getByLabel(ui.share_key_label.nl).fill('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p');
  await expect(page.getByText(ui.share_key_ok.nl.slice(0, ui.share_key_ok.nl.indexOf('{')))).toBeVisible();
  await page.goto('accountmanager/');
  await expect(page.getByRole('heading', { level: 1, name: ui.am_title.nl })).toBeVisible();
});

test('after one visit the whole employer journey works offline', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await completeQuestionnaire(page, profiles.inclusief.answers);
  await expect(page.locator('#radar svg')).toBeVisible();
  await expect(page.locator(`#factor-intentie`)).toContainText(factorName('intentie'));
  await page.goto('./#/delen');
  await page.getByLabel(ui.share_by_passphrase.nl).check();
  await page.getByLabel(ui.share_passphrase_label.nl, { exact: true }).fill('offline op de bijeenkomst');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ui.share_download.nl }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vio-resultaat-\d{4}-\d{2}-\d{2}\.age$/);
});

test('a new release replaces the cache without mixing versions', async ({ browser }) => {
  // Release B: the same files with a marker in the page and a new service worker version.
  const root = mkdtempSync(join(tmpdir(), 'vio-releases-'));
  const a = join(root, 'a');
  const b = join(root, 'b');
  cpSync('dist', a, { recursive: true });
  cpSync('dist', b, { recursive: true });
  writeFileSync(join(b, 'index.html'), readFileSync(join(b, 'index.html'), 'utf8').replace('</head>', '<meta name="release" content="B">\n</head>'));
  writeFileSync(join(b, 'sw.js'), readFileSync(join(b, 'sw.js'), 'utf8').replace(/const VERSION = '[^']+'/, "const VERSION = 'release-b'"));
  let current = a;
  const server = serve({ port: 8190, dir: () => current, prefix: '/vio/', headers: true });
  const url = 'http://127.0.0.1:8190/vio/';
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    const release = (p) => p.evaluate(() => document.querySelector('meta[name=release]')?.content ?? 'A');
    expect(await release(page)).toBe('A');

    current = b;
    // An open tab of release A keeps getting release A, whole, while B installs beside it.
    await page.reload();
    expect(await release(page)).toBe('A');
    await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), { timeout: 15_000 }).toBe(true);
    expect(await release(page)).toBe('A');

    // With no tab of A left, B takes over and A's cache is gone.
    await page.close();
    const next = await context.newPage();
    await expect.poll(async () => { await next.goto(url); return release(next); }, { timeout: 15_000 }).toBe('B');
    expect(await next.evaluate(() => caches.keys())).toEqual(['vio-release-b']);
  } finally {
    await context.close();
    server.close();
  }
});
