// Sealed and offline: no third-party origin in dist/, the deployed headers, the Content-Security-Policy
// (every other test also fails on a violation, see helpers.js), the service worker's offline journey,
// and a new release replacing the old one without mixing files.
import { expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../serve.mjs';
import { completeQuestionnaire, expectNoAxeViolations, factorName, profiles, test, ui } from './helpers.js';

// Ports of this file's own servers, beside the one playwright.config.js starts.
const ownPort = Number(process.env.VIO_TEST_PORT ?? 8181) + 9;

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

// vendor/age builds x25519-dalek without curve25519-dalek's precomputed base-point table (30 KB the
// employer would download); the accountmanager's page switches it back on, because it derives a public
// key for every file it opens. A feature unification or version change could switch it off unseen:
// the table's first and last entries (wasm32 uses the 32-bit backend: ten u32 limbs per field element)
// must sit 255 points of 120 bytes apart in the accountmanager's wasm, and nowhere in the employer's.
test('the accountmanager\'s wasm has the fast X25519 base-point table; the employer\'s has not', () => {
  const limbs = (numbers) => Buffer.from(new Uint32Array(numbers).buffer);
  const first = limbs([93076338, 52752828, 29566454, 37215328, 54414518, 37569218, 94653489, 21800160, 61029707, 35602036]);
  const last = limbs([44660220, 49210000, 74127342, 29144428, 36794597, 32352840, 65255398, 34921551, 92236737, 6671742]);
  const wasm = (dir) => readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.wasm'))));
  const am = wasm('dist/accountmanager');
  const at = am.indexOf(first);
  expect(at, 'first entry of the base-point table').toBeGreaterThan(-1);
  expect(am.indexOf(last, at), 'last entry, 255 points further').toBe(at + 255 * 120);
  console.log(`X25519 base-point table: ${256 * 120} bytes at offset ${at} of the accountmanager's wasm`);
  for (const f of readdirSync('dist').filter((f) => f.endsWith('.wasm'))) expect(readFileSync(join('dist', f)).indexOf(first), f).toBe(-1);
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
  for (const part of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'"]) {
    expect(meta).toContain(part);
    expect(headers['content-security-policy']).toContain(part);
  }

  // The guard in helpers.js fails this test on any violation while the journey runs.
  await completeQuestionnaire(page, profiles.weet_niet.answers);
  await expect(page.locator('#radar svg')).toBeVisible();
  // The encryption worker (the page's own glue and wasm, scripts/build.mjs) works under the policy too.
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

// Two kinds of host: one that sends the headers of dist/_headers (no-cache for the pages, the service
// worker and the manifest; immutable for files named by their content) and GitHub Pages, which cannot
// be told anything and lets browsers keep every file for ten minutes. Neither may pin an old release.
for (const host of [{ name: 'a host with the deployed headers', headers: true }, { name: 'a host that caches every file for ten minutes', headers: false }]) {
  test(`a new release replaces the cache without mixing versions, on ${host.name}`, async ({ browser }, info) => {
    // Release B: the same files with a marker in the page and a new service worker version.
    const root = mkdtempSync(join(tmpdir(), 'vio-releases-'));
    const a = join(root, 'a');
    const b = join(root, 'b');
    cpSync('dist', a, { recursive: true });
    cpSync('dist', b, { recursive: true });
    writeFileSync(join(b, 'index.html'), readFileSync(join(b, 'index.html'), 'utf8').replace('</head>', '<meta name="release" content="B">\n</head>'));
    // The release's version is the one quoted 16-digit hash in the (minified) service worker; the
    // precached files' hashes are inside their names.
    const worker = readFileSync(join(b, 'sw.js'), 'utf8');
    expect(worker.match(/(["'])[0-9a-f]{16}\1/g)).toHaveLength(1);
    writeFileSync(join(b, 'sw.js'), worker.replace(/(["'])[0-9a-f]{16}\1/, '"release-b"'));
    let current = a;
    const port = ownPort + info.repeatEachIndex + (host.headers ? 0 : 1);
    const server = serve({ port, dir: () => current, prefix: '/vio/', headers: host.headers, hostCache: 'max-age=600' });
    const url = `http://127.0.0.1:${port}/vio/`;
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

      // With no tab of A left, B takes over and A's cache is gone: B's cache was filled from the
      // network, not with A's page from the browser's HTTP cache. B activates a moment after A's
      // last tab is gone; a tab opened on the app within that moment is A's again (and keeps A, as
      // any open tab does), so the next tab waits on a page of the same site outside the app.
      await page.close();
      const next = await context.newPage();
      await next.goto(`http://127.0.0.1:${port}/outside-the-app`);
      await expect
        .poll(() => next.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration('/vio/'); return !r?.waiting && r?.active?.state === 'activated'; }), { timeout: 15_000 })
        .toBe(true);
      await expect.poll(async () => { await next.goto(url); return release(next); }, { timeout: 15_000 }).toBe('B');
      expect(await next.evaluate(() => caches.keys())).toEqual(['vio-release-b']);
    } finally {
      await context.close();
      server.close();
    }
  });
}

test('the deployed headers revalidate the pages and keep content-named files for good', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'vio-headers-'));
  const [a, b] = [join(root, 'a'), join(root, 'b')];
  cpSync('dist', a, { recursive: true });
  cpSync('dist', b, { recursive: true });
  writeFileSync(join(b, 'index.html'), readFileSync(join(b, 'index.html'), 'utf8').replace('</head>', '<meta name="release" content="B">\n</head>'));
  let current = a;
  const server = serve({ port: ownPort + 3, dir: () => current, prefix: '/vio/', headers: true, hostCache: 'max-age=600' });
  const url = `http://127.0.0.1:${ownPort + 3}/vio/`;
  // Without a service worker, only the browser's HTTP cache is between the page and the host.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cacheControl = {};
    page.on('response', (r) => { cacheControl[new URL(r.url()).pathname] = r.headers()['cache-control']; });
    await page.goto(url);
    await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
    expect(cacheControl['/vio/']).toBe('no-cache');
    const named = Object.entries(cacheControl).filter(([path]) => /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/.test(path));
    expect(named.length).toBeGreaterThan(3);
    for (const [path, value] of named) expect(value, path).toBe('public, max-age=31536000, immutable');
    for (const path of ['sw.js', 'manifest.webmanifest', 'accountmanager/']) {
      expect((await page.request.get(`${url}${path}`)).headers()['cache-control'], path).toBe('no-cache');
    }
    // A new release is seen at the next visit, within the host's ten minutes.
    current = b;
    await page.goto(url);
    expect(await page.evaluate(() => document.querySelector('meta[name=release]')?.content)).toBe('B');
  } finally {
    await context.close();
    server.close();
  }
});

test.describe('Trusted Types', () => {
  test.use({ consoleErrorsExpected: true }); // every refused sink is logged by the browser

  test('the app sets no markup of its own (only Leptos\'s compiled views reach a <template>)', () => {
    const rust = [...walk('src'), ...walk('crates')].filter((f) => f.endsWith('.rs'));
    expect(rust.filter((f) => /\binner_html\b|set_inner_html|insert_adjacent_html|set_outer_html/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  for (const path of ['./', 'accountmanager/']) {
    test(`refuse markup and foreign scripts on ${path === './' ? "the employer's" : "the accountmanager's"} page`, async ({ page }) => {
      const response = await page.goto(path);
      await expect(page.locator('#main h1')).toBeVisible();
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      for (const part of ["require-trusted-types-for 'script'", 'trusted-types vio default']) {
        expect(meta).toContain(part);
        expect(response.headers()['content-security-policy']).toContain(part);
      }
      const outcomes = await page.evaluate(() => {
        const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.name; } };
        const box = document.createElement('div');
        return {
          innerHTML: attempt(() => { box.innerHTML = '<img src=x>'; }),
          outerHTML: attempt(() => { document.body.append(box); box.outerHTML = '<b>x</b>'; }),
          insertAdjacentHTML: attempt(() => document.body.insertAdjacentHTML('beforeend', '<b>x</b>')),
          parseFromString: attempt(() => new DOMParser().parseFromString('<b>x</b>', 'text/html')),
          foreignScript: attempt(() => { document.createElement('script').src = 'https://example.org/x.js'; }),
          foreignWorker: attempt(() => new Worker('https://example.org/w.js')),
          anotherPolicy: attempt(() => trustedTypes.createPolicy('another', { createHTML: (s) => s })),
          vioAgain: attempt(() => trustedTypes.createPolicy('vio', { createScriptURL: (s) => s })),
          emptying: attempt(() => { box.innerHTML = ''; }),
          // Leptos's static view parts: markup on a <template>, through the policy `vio`.
          viewTemplate: attempt(() => { document.createElement('template').innerHTML = '<th scope="col">N</th>'; }),
          activeTemplate: attempt(() => { document.createElement('template').innerHTML = '<img src=x onerror="alert(1)">'; }),
          scriptTemplate: attempt(() => { document.createElement('template').innerHTML = '<SCRIPT src=./x.js></SCRIPT>'; }),
          linkTemplate: attempt(() => { document.createElement('template').innerHTML = '<a href="javascript:alert(1)">x</a>'; }),
        };
      });
      expect(outcomes).toEqual({
        innerHTML: 'TypeError', outerHTML: 'TypeError', insertAdjacentHTML: 'TypeError', parseFromString: 'TypeError',
        foreignScript: 'TypeError', foreignWorker: 'TypeError', anotherPolicy: 'TypeError', vioAgain: 'TypeError',
        emptying: 'allowed', viewTemplate: 'allowed', activeTemplate: 'TypeError', scriptTemplate: 'TypeError', linkTemplate: 'TypeError',
      });
      // Nothing got in, and the page is still the app.
      expect(await page.locator('body b, body img[src=x]').count()).toBe(0);
      await expect(page.locator('#not-working')).toBeHidden();
    });
  }
});

test.describe('a start that fails', () => {
  test.use({ consoleErrorsExpected: true }); // the refused requests are logged by the browser
  const notice = (page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Er ging iets mis' }) });
  const expectNotice = async (page) => {
    await expect(notice(page)).toBeVisible();
    await expect(notice(page)).toContainText('kan in deze browser niet starten');
    await expect(notice(page).locator('p[lang=en]')).toContainText('cannot start');
    await expect(notice(page).getByRole('link', { name: 'Pagina opnieuw laden' })).toBeVisible();
    await expectNoAxeViolations(page, 'a start that failed');
  };

  test('says so in Dutch and English when WebAssembly is switched off (Lockdown Mode)', async ({ page }) => {
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto('./');
    await expectNotice(page);
    await expect(page.getByRole('heading', { level: 1, name: ui.start_title.nl })).toBeHidden();
  });

  for (const [what, pattern] of [['the wasm', /\/vio-[0-9a-f]+_bg\.wasm$/], ['the glue', /\/vio-[0-9a-f]+\.js$/]]) {
    test(`says so when ${what} cannot be fetched`, async ({ page }) => {
      await page.route(pattern, (route) => route.abort());
      await page.goto('./');
      await expectNotice(page);
    });
  }

  test('says so on the accountmanager\'s page too', async ({ page }) => {
    await page.route(/\/accountmanager-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
    await page.goto('accountmanager/');
    await expectNotice(page);
  });

  test('stays hidden when the app starts', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
    await expect(page.locator('#not-working')).toBeHidden();
  });
});
