// The diagnosis as a new user meets it: two golden employers (tests/fixtures/golden.json) answered
// through the visible questions, their lights, first steps, advice and explained terms; the
// accountmanager reading het goede gesprek from the shared file; contradicting answers pointed out;
// the result screen at 320 px without sideways scrolling (WCAG 1.4.10).
import { expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeQuestionnaire, createKey, download, expectNoAxeViolations, expectNoSidewaysScroll, factorName, newGuardedContext, openFiles, ui, vio, test } from './helpers.js';

const golden = JSON.parse(readFileSync(new URL('../fixtures/golden.json', import.meta.url)));
const lightWord = { rood: 'Rood', oranje: 'Oranje', groen: 'Groen', onvoldoende: 'Onvoldoende gegevens' };
const step = (id) => vio.first_steps.find((s) => s.id === id);
const dir = mkdtempSync(join(tmpdir(), 'vio-diagnosis-'));

async function expectLights(page, expected) {
  for (const [factor, light] of Object.entries(expected)) {
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName(factor), exact: true }) });
    await expect(item.locator('.reason'), factor).toContainText(lightWord[light] + ':');
  }
}

test('the bakery of six: no false groen, a small first step, no quota, terms explained', async ({ page }) => {
  const bakery = golden.bakkerij;
  await page.goto('./');
  await completeQuestionnaire(page, bakery.answers);
  await expectLights(page, bakery.expected);
  const intention = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName('intentie'), exact: true }) });
  await expect(intention.locator('.reason')).toContainText('u bent niet van plan om te beginnen');
  // "Uw eerste stap" comes first and starts small.
  const first = page.locator('.first-step');
  await expect(first.getByRole('heading', { name: ui.first_step_title.nl })).toBeVisible();
  await expect(first.locator('li h3')).toHaveText(bakery.first_steps.map((id) => step(id).title.nl));
  // A term named in the step is explained behind its own button.
  const term = vio.terms.find((t) => t.id === 'proefplaatsing');
  await first.getByText(ui.term_what.nl.replace('{term}', term.name.nl)).first().click();
  await expect(first.getByText(term.explanation.nl).first()).toBeVisible();
  // Every factor says on how many answers it rests: the two parties a bakery does not have leave the count.
  const norm = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName('sociale_norm'), exact: true }) });
  await expect(norm.locator('.rests-on')).toHaveText(ui.rests_on.nl.replace('{n}', '8').replace('{m}', '8'));
  // Advice fits a bakery: no quota, no "your own experience", no supervisor training yet.
  const advice = page.locator('section.advice');
  await expect(advice).not.toContainText('quotumregeling, die geldt');
  await expect(advice).not.toContainText('bij uw eigen ervaring');
  await expect(advice).not.toContainText('Mentorwijs');
  await expectNoAxeViolations(page, 'the bakery\'s result');

  // The result reflows at 320 px: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.locator('.factor details summary').first().click();
  await expectNoSidewaysScroll(page, "the bakery's result at 320 px");

  // Answers that contradict each other are pointed out, then gone once corrected.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./#/vragen/organisatie');
  await page.getByLabel(vio.sections[0].items.find((i) => i.id === 'doelgroep_totaal').text.nl, { exact: true }).fill('2');
  await page.goto('./#/resultaat');
  const check = vio.checks.find((c) => c.id === 'doelgroep_maar_nooit');
  await expect(page.locator('.checks')).toContainText(check.message.nl);
});

test('Bedrijf A from the deck: the lights, and het goede gesprek reads the diagnosis for the accountmanager', async ({ browser }) => {
  const a = golden.bedrijf_a;
  const amSide = await newGuardedContext(browser);
  const am = await amSide.context.newPage();
  const key = await createKey(am, 'WSP Testregio', dir);

  const employerSide = await newGuardedContext(browser);
  const page = await employerSide.context.newPage();
  await page.goto(key.link);
  await completeQuestionnaire(page, a.answers);
  await expectLights(page, a.expected);
  await expect(page.locator('.first-step li h3')).toHaveText(a.first_steps.map((id) => step(id).title.nl));
  // The plan editor asks whether a goal on a groen factor follows from the diagnosis; Bedrijf A has
  // no rood factor, so a goal on its weak skills raises no question.
  await page.getByRole('button', { name: ui.plan_add.nl }).click();
  await page.getByLabel(ui.plan_factor.nl).selectOption('vaardigheden');
  await page.getByLabel(ui.plan_what.nl).fill('Twee leidinggevenden volgen Mentorwijs');
  await expect(page.locator('.concern')).toBeHidden();
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  const file = join(dir, 'bedrijf-a.age');
  await download(page, ui.share_download.nl, file);

  const statuses = await openFiles(am, [['bedrijf-a.age', readFileSync(file)]]);
  expect(statuses['bedrijf-a.age']).toContain(ui.am_view.nl);
  await am.getByRole('link', { name: `${ui.am_view.nl}: bedrijf-a.age` }).click();
  const talk = am.locator('section.conversation');
  await expect(talk).toContainText(vio.conversation.quadrant.low_high.nl);
  await expect(talk.locator('#diagnose-doelgroep')).toContainText('Banenafspraak of arbeidsbeperking');
  await expect(talk.locator('#diagnose-actieplan')).toContainText('u heeft twee of meer concrete plannen');
  // The reasons are the employer's own ("u heeft …"): the accountmanager is told whom "u" means.
  await expect(talk).toContainText("met 'u' is de werkgever bedoeld");
  const goals = talk.locator('.suggested-goals > li');
  await expect(goals).toHaveCount(2);
  await expect(goals.first()).toContainText(vio.conversation.goals.find((g) => g.step === a.first_steps[0]).goal.nl);
  await expect(goals.first()).toContainText('Mentorwijs');
  await expect(talk.locator('.goal-check')).toContainText(ui.conversation_goal_ok.nl);
  await expectNoAxeViolations(am, 'het goede gesprek');
  await amSide.done();
  await employerSide.done();
});

/** Puts a stored state in place, as an earlier visit would have left it, and loads the page. */
async function withStored(page, stored, hash) {
  await page.goto('./');
  await page.evaluate((s) => localStorage.setItem('vio.state', JSON.stringify(s)), stored);
  await page.goto(`./${hash}`);
  await page.reload();
}

test('the plan editor asks whether a goal on a groen factor follows from the diagnosis', async ({ page }) => {
  const care = golden.zorg_vacatures;
  const draft = { questionnaire: { id: 'vio', version: vio.version }, answers: care.answers, section: 'intentie', plan: [], analysis: null };
  await withStored(page, { schema: 2, lang: 'nl', draft, analyses: [], invite: null }, '#/resultaat');
  await page.getByRole('button', { name: ui.plan_add.nl }).click();
  const factor = page.getByLabel(ui.plan_factor.nl);
  // Belemmerende factoren is groen while Copingplan is rood: the check speaks up.
  await factor.selectOption('belemmeringen');
  const concern = ui.goal_concern.nl.replace('{factor}', factorName('belemmeringen')).replace('{rood}', factorName('copingplan'));
  await expect(page.locator('.concern')).toHaveText(concern);
  // A goal on the rood factor follows from it.
  await factor.selectOption('copingplan');
  await expect(page.locator('.concern')).toBeHidden();
  await expectNoAxeViolations(page, 'plan editor with the goal check');
});

test('an analysis made with questionnaire version 1 says its colours follow today\'s rules', async ({ page }) => {
  const analysis = { id: 1, completed_on: '2024-04-15', questionnaire: { id: 'vio', version: 1 }, answers: golden.bakkerij.answers, plan: [] };
  await withStored(page, { schema: 2, lang: 'nl', draft: null, analyses: [analysis], invite: null }, '#/analyse/1');
  await expect(page.getByText(ui.older_version.nl.replace('{v}', '1'))).toBeVisible();
  // Today's rules: the bakery that plans to stay at zero is rood on intention.
  const intention = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: factorName('intentie'), exact: true }) });
  await expect(intention.locator('.reason')).toContainText('Rood:');
});
