// One complete run with the keyboard alone: Tab, Space, Enter and arrow keys, focus visible throughout.
import { expect } from '@playwright/test';
import { ui, test, vio } from './helpers.js';

const typed = { medewerkers: '50', doelgroep_totaal: '5', vacatures: '3', gemeente: 'Den Haag' };

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const ring = el.type === 'radio' ? el.closest('.option') : el;
    const style = getComputedStyle(ring);
    return {
      tag: el.tagName, type: el.type ?? '', id: el.id, name: el.name ?? '', text: el.textContent.trim(),
      checkedInGroup: el.type === 'radio' ? !!document.querySelector(`input[name="${el.name}"]:checked`) : false,
      visibleFocus: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      value: el.value ?? '',
    };
  });
}

test('the whole journey works with the keyboard alone, with visible focus', async ({ page }) => {
  await page.goto('./');
  await page.waitForLoadState('load');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.visibleFocus, `focus visible on ${f.tag} ${f.text}`).toBe(true);
    if (f.text === 'Start') break;
  }
  await page.keyboard.press('Enter');

  let pages = 0;
  while (!page.url().endsWith('#/resultaat')) {
    await expect(page.locator('#main h1')).toBeFocused();
    pages++;
    for (let presses = 0; presses < 200; presses++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect(f.visibleFocus, `focus visible on ${f.tag} ${f.id} ${f.text.slice(0, 40)}`).toBe(true);
      if (f.type === 'radio' && !f.checkedInGroup) {
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
        const after = await focused(page);
        expect(after.checkedInGroup).toBe(true);
        expect(after.name).toBe(f.name);
      } else if (f.tag === 'INPUT' && f.type === 'text' && !f.value && typed[f.id]) {
        await page.keyboard.type(typed[f.id]);
      } else if (f.tag === 'BUTTON' && f.text.startsWith(ui.next.nl)) {
        const before = page.url();
        await page.keyboard.press('Enter');
        await page.waitForFunction((u) => location.href !== u, before);
        break;
      }
    }
  }
  expect(pages).toBeGreaterThanOrEqual(9);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.result_title.nl);
  await expect(page.locator('#main h1')).toBeFocused();

  // Details open with the keyboard too.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.visibleFocus, `focus visible on ${f.tag} ${f.text.slice(0, 40)}`).toBe(true);
    if (f.tag === 'SUMMARY') break;
  }
  await page.keyboard.press('Enter');
  await expect(page.locator('details[open]')).toHaveCount(1);
  // 5 of 50 is 10 %: groen behaviour, reached without a mouse.
  await expect(page.locator('#factor-gedrag .reason')).toHaveText('Groen: 10 % van uw medewerkers komt uit de doelgroepen: 5 % of meer');
});

test('a keyboard user on the language button keeps the focus when the app replaces the static page', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/vio-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto('./');
  await page.keyboard.press('Tab');
  const language = page.getByRole('button', { name: ui.language_switch_label.nl });
  await expect(language).toBeFocused();
  release();
  await expect(page.getByRole('button', { name: ui.start.nl, exact: true })).toBeVisible();
  await expect(language).toBeFocused();
  expect((await focused(page)).visibleFocus, 'focus visible after the app has started').toBe(true);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: ui.start.nl, exact: true })).toBeFocused();
});

test('on both pages the title names the screen and a new screen takes the focus; each switches language', async ({ page }) => {
  const title = (screen, lang = 'nl') => `${screen[lang]} – ${ui.app_name[lang]}`;
  await page.goto('./');
  await expect(page).toHaveTitle(title(ui.start_title));
  await page.getByRole('button', { name: ui.start.nl, exact: true }).click();
  await expect(page).toHaveTitle(title(vio.sections[0].title));
  await expect(page.locator('#main h1')).toBeFocused();

  await page.goto('accountmanager/');
  await expect(page).toHaveTitle(title(ui.am_title));
  await expect(page.locator('header .brand')).toHaveText(`${ui.app_name.nl} · ${ui.am_title.nl}`);
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Test');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  await page.getByRole('link', { name: ui.am_poster.nl }).click();
  await expect(page).toHaveTitle(title(ui.am_poster_title));
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('button', { name: ui.language_switch_label.nl }).click();
  await expect(page).toHaveTitle(title(ui.am_poster_title, 'en'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('header .brand')).toHaveText(`${ui.app_name.en} · ${ui.am_title.en}`);
});
