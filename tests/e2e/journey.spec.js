// The employer's journey as a new user walks it: start, every page, a reload halfway, the result.
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { profiles, vio, ui, watchNetwork, expectNoAxeViolations, expectNoSidewaysScroll, expectWithinColumn, completeQuestionnaire, answerCurrentPage, nextButton, factorName, test } from './helpers.js';

const lightWord = { rood: 'Rood', oranje: 'Oranje', groen: 'Groen', onvoldoende: 'Onvoldoende gegevens' };

for (const [name, profile] of Object.entries(profiles).filter(([k]) => !k.startsWith('_'))) {
  test(`profile ${name}: answers survive a reload, lights and reasons match`, async ({ page }) => {
    const net = watchNetwork(page);
    await page.goto('./');
    // Later screens' files are requested in the frame after the first paint: 'load' can come first.
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.start_title.nl);
    await expectNoAxeViolations(page, 'start');
    const firstClick = Date.now();

    let reloaded = false;
    let reloadStart = Infinity;
    let reloadEnd = Infinity;
    await completeQuestionnaire(page, profile.answers, async (step) => {
      if (step === 0) await expectNoAxeViolations(page, 'first page');
      if (step === 4 && !reloaded) {
        // Answer this page, reload halfway through it, and find every answer still there.
        const section = await answerCurrentPage(page, profile.answers);
        const url = page.url();
        reloadStart = Date.now();
        await page.reload();
        // The reload is a new page load: its own requests (the module script fetches the wasm, the
        // deferred ECharts; with the service worker these may finish after 'load') end when the
        // network is idle. From then on the user's actions must cause none.
        await page.waitForLoadState('networkidle');
        reloadEnd = Date.now();
        expect(page.url()).toBe(url);
        await expect(page.locator('#main h1')).toHaveText(section.title.nl);
        for (const item of section.items.filter((i) => i.id in profile.answers && i.type === 'choice')) {
          const group = page.getByRole('group', { name: item.text.nl, exact: true });
          await expect(group.locator('input:checked')).toHaveValue(profile.answers[item.id]);
        }
        reloaded = true;
      }
    });
    expect(reloaded).toBe(true);
    await expect(page).toHaveURL(/#\/resultaat$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.result_title.nl);

    // The chart is drawn (SVG) and the table alternative is there.
    await expect(page.locator('#radar svg path').first()).toBeVisible();
    await expect(page.getByRole('table', { name: ui.chart_table_caption.nl })).toBeVisible();

    for (const [factor, expected] of Object.entries(profile.expected)) {
      const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName(factor), exact: true }) });
      await expect(item.locator('.reason')).toContainText(lightWord[expected] + ':');
    }
    await expectNoAxeViolations(page, 'result');
    await expectWithinColumn(page, 'the result');

    // Nothing the user did caused a request (a reload is a new page load), nothing left 127.0.0.1.
    expect(net.between(firstClick, reloadStart)).toEqual([]);
    expect(net.between(reloadEnd)).toEqual([]);
    for (const url of net.all()) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vio\//);
  });
}

test('reasons read as the design says', async ({ page }) => {
  await page.goto('./');
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  const barriers = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName('belemmeringen'), exact: true }) });
  await barriers.getByText(ui.show_indicators.nl).click();
  await expect(barriers).toContainText('Rood: u heeft nu geen openstaande vacatures');
  await expect(barriers).toContainText('Rood: u heeft geen openstaande vacatures of verwacht krimp');
  await expect(page.getByText(ui.inclusive_no.nl)).toBeVisible();
  // The quadrant marks geen/weinig × gelijk of minder.
  const row = page.getByRole('row', { name: new RegExp(vio.quadrant.behaviour_labels.low.nl) });
  await expect(row.getByRole('cell').nth(0)).toHaveText(ui.quadrant_you.nl);
  // Advice starts with a rood factor and lists what the accountmanager can offer.
  await expect(page.locator('.advice-item').first()).toContainText(ui.advice_offers.nl);

  // A new employer on the same device starts again.
  await page.goto('./#/');
  await page.getByRole('button', { name: ui.start_again.nl }).click({ trial: true });
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: ui.start_again.nl }).click();
  await expect(page).toHaveURL(/#\/vragen\//);
  await page.goto('./#/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await completeQuestionnaire(page, profiles.inclusief.answers);
  const behaviour = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName('gedrag'), exact: true }) });
  await expect(behaviour.locator('.reason')).toHaveText('Groen: 11 % van uw medewerkers komt uit de doelgroepen: 5 % of meer');
});

test('language switch keeps the answers', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('25');
  await page.getByRole('button', { name: ui.language_switch_label.nl }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel(vio.sections[0].items[1].text.en, { exact: true })).toHaveValue('25');
  await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previous' })).toBeVisible();
  await expectNoAxeViolations(page, 'first page in English');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
});

test('invalid numbers get a clear message and change nothing', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const staff = page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true });
  const dg = page.getByLabel(vio.sections[0].items[2].text.nl, { exact: true });
  await staff.fill('20');
  await dg.fill('3,5');
  await expect(page.getByText(ui.error_whole_number.nl)).toBeVisible();
  await expect(dg).toHaveAttribute('aria-invalid', 'true');
  await dg.fill('30');
  await expect(page.getByText('Dit kan niet meer zijn dan uw aantal medewerkers (20).')).toBeVisible();
  await nextButton(page).click();
  await expect(dg).toBeFocused();
  await expect(page.locator('#main h1')).toHaveText(vio.sections[0].title.nl);
  await dg.fill('3');
  await expect(page.locator('.error:visible')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel(vio.sections[0].items[2].text.nl, { exact: true })).toHaveValue('3');
});

test('every page of the questionnaire passes axe, also on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await completeQuestionnaire(page, profiles.inclusief.answers, async (step) => {
    await expectNoAxeViolations(page, `page ${step + 1}`);
    await expectNoSidewaysScroll(page, `page ${step + 1} at 360 px`);
  });
  await expectNoAxeViolations(page, 'result on a phone');
});

test('an accountmanager finds their page from the foot of the start screen', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await page.getByRole('link', { name: ui.for_accountmanagers.nl }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.am_title.nl })).toBeVisible();
  await page.goBack();
  await page.getByRole('button', { name: ui.language_switch_label.nl }).click();
  await expect(page.getByRole('link', { name: ui.for_accountmanagers.en })).toHaveAttribute('href', './accountmanager/');
});

test.describe('errors on purpose', () => {
  test.use({ consoleErrorsExpected: true });
  test('a panic shows a readable Dutch error screen and keeps the answers', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByLabel(vio.sections[0].items[1].text.nl, { exact: true }).fill('12');
    const stored = await page.evaluate(() => localStorage.getItem('vio.state'));
    expect(stored).toContain('"medewerkers":12');
    // Break the DOM under the app: the next render fails inside Rust and panics.
    await page.evaluate(() => {
      Document.prototype.createElement = () => { throw new Error('kapot'); };
      Node.prototype.cloneNode = () => { throw new Error('kapot'); };
    });
    await nextButton(page).click();
    await expect(page.getByRole('heading', { name: 'Er ging iets mis' })).toBeVisible();
    await expect(page.getByText(/Niets van wat in deze browser bewaard is, gaat verloren/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Er ging iets mis' })).toBeFocused();
    expect(await page.evaluate(() => localStorage.getItem('vio.state'))).toContain('"medewerkers":12');
  });

  test('when the later screens cannot be fetched, the user is told and can try again', async ({ page }) => {
    let fetchable = false;
    await page.route(/later_screens-[0-9a-f]+\.wasm$/, (route) => (fetchable ? route.continue() : route.abort()));
    await page.goto('./');
    await completeQuestionnaire(page, profiles.terughoudend.answers);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.screen_unavailable_title.nl);
    await expect(page.locator('#main h1')).toBeFocused();
    await expect(page.getByText(ui.screen_unavailable.nl)).toBeVisible();
    await expectNoAxeViolations(page, 'screen unavailable');
    const stored = await page.evaluate(() => localStorage.getItem('vio.state'));
    fetchable = true;
    await page.getByRole('button', { name: ui.try_again.nl }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.result_title.nl);
    await expect(page.locator('#main h1')).toBeFocused();
    await expect(page.locator('#radar svg path').first()).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('vio.state'))).toBe(stored);
  });
});

test('a later screen whose wasm arrives after the user does still takes the focus', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/later_screens-[0-9a-f]+\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('./');
  await completeQuestionnaire(page, profiles.inclusief.answers);
  await expect(page).toHaveURL(/#\/resultaat$/);
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.result_title.nl);
  await expect(page.locator('#main h1')).toBeFocused();
});

test('the start screen shows before the wasm runs and does not shift when it takes over', async ({ page }) => {
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  await page.route('**/*.wasm', async (route) => { await new Promise((r) => setTimeout(r, 800)); await route.continue(); });
  await page.goto('./');
  // Before the wasm: title and introduction are already there, from index.html.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.start_title.nl);
  await expect(page.getByText(ui.start_lead.nl)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__cls)).toBeLessThan(0.02);
});

// scripts/build-echarts.mjs leaves modules of ECharts out of our bundle; this is what says that
// none of them changed what the employer sees. The same answers, drawn once by our bundle and once
// by ECharts unchanged (built here with --reference), give the same SVG. Both pages run without the
// service worker, which would otherwise serve our bundle to both.
test('the radar drawn by our ECharts bundle is the one ECharts unchanged draws', async ({ page, browser, baseURL }) => {
  execFileSync('node', ['scripts/build-echarts.mjs', '--reference']);
  await page.goto('./');
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  const state = await page.evaluate(() => localStorage.getItem('vio.state'));
  const drawn = async (bundle) => {
    const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
    await context.addInitScript((s) => localStorage.setItem('vio.state', s), state);
    const other = await context.newPage();
    if (bundle) {
      await other.route(/\/echarts-[0-9a-f]+\.js$/, (route) => route.fulfill({ path: bundle, contentType: 'text/javascript' }));
      // Our bundle's integrity digest is in the start script, whose own digest is in the page: the
      // other bundle is let in by taking both out.
      const without = (pattern, by = '') => async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace(pattern, by) });
      };
      await other.route(/\/vio\/(#.*)?$/, without(/ integrity="[^"]+"(?=><\/script>)/));
      // An empty integrity is no check (the minified start script sets it in a comma expression).
      await other.route(/\/start-[0-9a-f]+\.js$/, without(/\.integrity=(["'])sha384-[^"']+\1/, '.integrity=""'));
    }
    await other.goto('./#/resultaat');
    const svg = await settledRadar(other);
    await context.close();
    return svg;
  };
  expect(await drawn(`${process.env.CARGO_TARGET_DIR ?? 'target'}/echarts/reference/echarts.js`)).toBe(await drawn(null));
});

/** The radar's SVG once its animation has ended (unchanged over half a second). */
async function settledRadar(page) {
  const svg = page.locator('#radar svg');
  await expect(svg.locator('path').first()).toBeVisible();
  let before = '';
  for (;;) {
    const now = await svg.evaluate((e) => e.outerHTML);
    if (now === before) return now;
    before = now;
    await page.waitForTimeout(500);
  }
}
