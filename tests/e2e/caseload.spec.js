// The accountmanager's caseload: one employer followed over repeated measurements, with the same
// comparison the employer sees in Mijn analyses.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeQuestionnaire, download, expectNoAxeViolations, expectNoSidewaysScroll, expectWithinColumn, factorName, fillToResult, newGuardedContext, profiles, test, ui, vio } from './helpers.js';

const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

test('results of one employer are found by name and compared as the employer compares them', async ({ page }) => {
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Test');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  const key = (await page.locator('#public-key').innerText()).trim();
  const out = mkdtempSync(join(tmpdir(), 'vio-caseload-'));
  // Two measurements of the bakery, a third with its name typed differently, and a garage.
  const synth = (seed, count, organisation, prefix) => {
    const dir = join(out, prefix);
    execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', String(seed), '--count', String(count), '--recipient', key, '--out', dir, '--organisation', organisation]);
    return readdirSync(dir).map((f) => { renameSync(join(dir, f), join(out, `${prefix}-${f}`)); return join(out, `${prefix}-${f}`); });
  };
  const bakery = synth(3, 2, 'Bakkerij De Korrel', 'korrel');
  const retyped = synth(4, 1, '  bakkerij  de KORREL ', 'korrel2');
  const garage = synth(5, 1, 'Garage Jansen', 'garage');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles([...bakery, ...retyped, ...garage]);
  await expect(page.locator('table.files tbody tr')).toHaveCount(4);

  await page.getByRole('link', { name: `${ui.am_view.nl}: korrel-vio-resultaat-00001.age` }).click();
  const overTime = page.locator('section', { has: page.getByRole('heading', { name: ui.am_over_time.nl }) });
  await expect(overTime).toBeVisible();
  // A name without a contact: no contact line with nothing after it.
  await expect(page.getByText(ui.share_org_contact.nl)).toHaveCount(0);
  // The same name, also typed differently, is offered; the garage only to link by hand.
  const sameName = overTime.getByRole('link', { name: new RegExp(`^${ui.am_compare_with.nl.replace('{date}', '')}`) });
  await expect(sameName).toHaveCount(2);
  await expect(overTime.getByLabel(ui.am_compare_other.nl).locator('option')).toHaveText(['–', /^Garage Jansen \(\d{4}-\d{2}-\d{2}\)$/]);
  // Found by part of its name, in any case; a name that is not there says so.
  const search = overTime.getByLabel(ui.am_compare_search.nl);
  await search.fill('JANS gar');
  await expect(overTime.getByLabel(ui.am_compare_other.nl).locator('option')).toHaveText(['–', /^Garage Jansen /]);
  await search.fill('bakker jansen');
  await expect(overTime.getByLabel(ui.am_compare_other.nl).locator('option')).toHaveText(['–']);
  await expect(overTime.getByText(ui.am_compare_none.nl)).toBeVisible();
  await search.fill('');
  await expectNoAxeViolations(page, 'one employer with earlier results');
  await expectWithinColumn(page, 'one employer\'s result');

  await sameName.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('am_compare_title', { name: 'Bakkerij De Korrel' }));
  const changes = [ui.change_better.nl, ui.change_worse.nl, ui.change_same.nl, ui.change_unknown.nl];
  for (const factor of vio.factors) {
    const row = page.getByRole('row', { name: new RegExp(`^${factorName(factor.id)}`) });
    expect(changes).toContain((await row.locator('td.change').innerText()).trim());
  }
  await expect(page.locator('#radar svg')).toBeVisible();
  await expect(page.locator('.chart-legend li')).toHaveCount(2);
  await expect(page.getByText(ui.no_goals.nl)).toBeVisible();
  await expectNoAxeViolations(page, 'one employer over time');
  await expectWithinColumn(page, 'one employer over time');
  // With an oranje light among them (its word is the widest), the four columns fit 320 px (WCAG 1.4.10).
  await expect(page.locator('table.scores')).toContainText(ui.light_oranje.nl);
  await page.setViewportSize({ width: 320, height: 740 });
  await expectNoSidewaysScroll(page, 'one employer over time at 320 px');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Linked by hand: any other result can be put beside this one.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await overTime.getByLabel(ui.am_compare_other.nl).selectOption({ index: 1 });
  await overTime.getByRole('button', { name: ui.compare.nl, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('am_compare_title', { name: 'Bakkerij De Korrel' }));
  await expect(page.getByRole('table').first()).toBeVisible();
  // Not remembered: back on the bakery, the garage is still only offered by hand.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await expect(sameName).toHaveCount(2);

  // Marked as the same employer (the garage took over the bakery, say): from then on it is listed
  // with the bakery's own measurements, also after the browser closed.
  await overTime.getByLabel(ui.am_compare_other.nl).selectOption({ index: 1 });
  await overTime.getByLabel(ui.am_remember_link.nl).check();
  await overTime.getByRole('button', { name: ui.compare.nl, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('am_compare_title', { name: 'Bakkerij De Korrel' }));
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles([...bakery, ...retyped, ...garage]);
  await page.getByRole('link', { name: `${ui.am_view.nl}: korrel-vio-resultaat-00001.age` }).click();
  await expect(sameName).toHaveCount(3);
  await expect(overTime.getByText(ui.am_linked.nl)).toHaveCount(1);
  await expect(overTime.getByLabel(ui.am_compare_other.nl).locator('option')).toHaveText(['–']);
  await expectNoAxeViolations(page, 'a result marked as this employer');
  // The mark holds from the garage's side too.
  await page.getByRole('link', { name: ui.am_back.nl }).click();
  await page.getByRole('link', { name: `${ui.am_view.nl}: garage-vio-resultaat-00001.age` }).click();
  await expect(overTime.getByText(ui.am_linked.nl)).toHaveCount(1);
});

test('an employer shares two measurements a year apart; the accountmanager keeps them and sees whether the plan was carried out', async ({ page, context, browser }) => {
  await page.goto('accountmanager/');
  await page.getByLabel(ui.am_name_label.nl).fill('WSP Rijk van Nijmegen');
  await page.getByRole('button', { name: ui.am_create.nl }).click();
  await page.getByLabel(ui.keep_choice.nl).check();
  const link = await page.getByRole('textbox', { name: ui.am_share_link.nl }).inputValue();
  const out = mkdtempSync(join(tmpdir(), 'vio-plan-'));

  // The employer, in a browser of its own: a first measurement with a goal for its attitude, shared
  // with its name; a year later a new one, shared again.
  const employerSide = await newGuardedContext(browser);
  const employer = await employerSide.context.newPage();
  employer.on('dialog', (d) => d.accept());
  const share = async (file) => {
    await employer.getByRole('link', { name: ui.share_button.nl }).click();
    await employer.getByLabel(ui.share_org_toggle.nl).check();
    await employer.getByLabel(ui.share_org_name.nl, { exact: true }).fill('Bakkerij De Korenschoof');
    await download(employer, ui.share_download.nl, join(out, file));
  };
  await employer.clock.setFixedTime(new Date('2025-03-10T10:00:00'));
  await employer.goto(link);
  await completeQuestionnaire(employer, profiles.terughoudend.answers);
  await employer.getByRole('button', { name: ui.plan_add.nl }).click();
  await employer.getByLabel(ui.plan_factor.nl).selectOption({ label: factorName('attitude') });
  await employer.getByLabel(ui.plan_what.nl).fill('Kennismaken met twee kandidaten via het WSP');
  await share('2025.age');
  await employer.clock.setFixedTime(new Date('2026-03-10T10:00:00'));
  await employer.goto('./#/analyses');
  await employer.getByRole('button', { name: ui.new_empty.nl }).click();
  await fillToResult(employer, profiles.inclusief.answers);
  await share('2026.age');
  await employerSide.done();

  // The accountmanager opens both, closes the browser, and comes back to them.
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles([join(out, '2025.age'), join(out, '2026.age')]);
  await expect(page.getByRole('button', { name: new RegExp(`^${ui.keep_remove.nl}: `) })).toHaveCount(2);
  await page.close();
  const again = await context.newPage();
  await again.goto('accountmanager/');
  await expect(again.getByRole('cell', { name: 'Bakkerij De Korenschoof' })).toHaveCount(2);
  await again.getByRole('link', { name: `${ui.am_view.nl}: 2025.age` }).click();
  const overTime = again.locator('section', { has: again.getByRole('heading', { name: ui.am_over_time.nl }) });
  await overTime.getByRole('link', { name: t('am_compare_with', { date: '10-03-2026' }) }).click();
  await expect(again.getByRole('heading', { level: 1 })).toHaveText(t('am_compare_title', { name: 'Bakkerij De Korenschoof' }));
  // The goal, and that it was met: attitude went from rood to groen, as in the employer's own comparison.
  await expect(again.getByText('Kennismaken met twee kandidaten via het WSP')).toBeVisible();
  const met = t('goal_met', { factor: factorName('attitude'), from: ui.light_rood.nl.toLowerCase(), to: ui.light_groen.nl.toLowerCase() });
  await expect(again.getByText(met)).toBeVisible();
  await expect(again.getByRole('row', { name: new RegExp(`^${factorName('intentie')}`) })).toContainText(ui.change_better.nl);
  await expect(again.locator('.chart-legend li')).toHaveText(['10-03-2025', '10-03-2026']);
  // The table of four columns fits the page beside nothing: it stood out past the page's edge.
  const sticksOut = (el) => el.getBoundingClientRect().right - document.querySelector('#app').getBoundingClientRect().right;
  expect(await again.locator('table.scores').evaluate(sticksOut)).toBeLessThanOrEqual(0);
  // On a phone too (it was 413 px wide at 360 px): the lights and the changes wrap.
  await again.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(again, 'one employer with its plan at 360 px');
  await again.setViewportSize({ width: 1280, height: 720 });
  await expectNoAxeViolations(again, 'one employer over time, with its plan');
});
