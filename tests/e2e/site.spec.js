// A gemeente's own copy: a config.json beside index.html (docs/DEPLOY.md) names the organisation, how
// employers reach it and the team keys a result goes to without a link. Each copy is dist/ with its
// own config.json, served on a port of this file's own; a wrong config is not used and says why.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../serve.mjs';
import { completeQuestionnaire, download, expectNoAxeViolations, newGuardedContext, profiles, test, ui, vio, watchNetwork } from './helpers.js';

const ownPort = Number(process.env.VIO_TEST_PORT ?? 8181) + 20;
const dir = mkdtempSync(join(tmpdir(), 'vio-site-'));
const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);

const teamKey = (name) => {
  const identityPath = join(dir, `${name.replace(/\W/g, '')}.txt`);
  execFileSync('age-keygen', ['-o', identityPath], { stdio: 'ignore' });
  const key = readFileSync(identityPath, 'utf8').match(/public key: (age1[0-9a-z]+)/)[1];
  const code = createHash('sha256').update(key).digest('hex').slice(0, 12).toUpperCase().match(/.{4}/g).join('-');
  return { name, key, code, identityPath };
};
const named = (...team) => team.map(({ name, code }) => t('recipient_with_code', { name, code })).join(', ');

/** dist/ with this config.json (text as it is, an object as JSON), served; `url` is its employer's page. */
async function copyWith(config, port) {
  const root = mkdtempSync(join(dir, 'copy-'));
  cpSync('dist', root, { recursive: true });
  writeFileSync(join(root, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  const server = serve({ port, dir: root, prefix: '/vio/', headers: true });
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${port}/vio/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('a copy whose config names a contact, two team keys and a benchmark: contact and region after the advice, both keys on Delen, one file each opens', async ({ browser }) => {
  const [noord, zuid] = [teamKey('Team Noord'), teamKey('Team Zuid')];
  const site = await copyWith({
    organisation: 'Werkgeversservicepunt Rijk van Nijmegen',
    phone: '024 123 45 67', email: 'werkgevers@wsp-rvn.nl', web: 'https://www.wsp-rvn.nl/werkgevers',
    recipients: [{ name: noord.name, key: noord.key }, { name: zuid.name, key: zuid.key }],
    benchmark: { from: '2026-01-05', to: '2026-11-30', organisations: 41, rows: [{ indicator: 'intentie_richting', group: 'regio', n: 41, rood: 20, oranje: 24, groen: 56 }] },
  }, ownPort);
  const employerSide = await newGuardedContext(browser);
  const page = await employerSide.context.newPage();
  const network = watchNetwork(page);
  await page.goto(site.url);
  await page.waitForLoadState('networkidle');
  expect(network.all()).toContain(`${site.url}config.json`);
  const firstClick = Date.now();
  await completeQuestionnaire(page, profiles.inclusief.answers);
  const contact = page.getByRole('region', { name: ui.contact_title.nl });
  await expect(contact).toContainText(t('contact_lead', { name: 'Werkgeversservicepunt Rijk van Nijmegen' }));
  await expect(contact.getByRole('link', { name: '024 123 45 67' })).toHaveAttribute('href', 'tel:0241234567');
  await expect(contact.getByRole('link', { name: 'werkgevers@wsp-rvn.nl' })).toHaveAttribute('href', 'mailto:werkgevers@wsp-rvn.nl');
  await expect(contact.getByRole('link', { name: 'https://www.wsp-rvn.nl/werkgevers' })).toHaveAttribute('href', 'https://www.wsp-rvn.nl/werkgevers');
  // The benchmark in the same file: this employer (70 employees) has no row of its size class.
  const benchmark = page.getByRole('region', { name: ui.bench_title.nl });
  await expect(benchmark).toContainText('In uw regio: 56 % groen, 41 organisaties.');
  await expect(benchmark).toContainText('Uw uitkomst: groen, net als 56 % van de organisaties in uw regio.');
  await expect(benchmark).not.toContainText(ui.bench_group_groot.nl);
  await expectNoAxeViolations(page, 'result with a site contact and a benchmark');
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  await expect(page.getByLabel(ui.share_key_label.nl)).toHaveValue(`${noord.key}\n${zuid.key}`);
  await expect(page.getByText(t('share_key_ok', { names: named(noord, zuid) }))).toBeVisible();
  const file = join(dir, 'to-the-site-team.age');
  await download(page, ui.share_download.nl, file);
  for (const { identityPath } of [noord, zuid]) {
    expect(JSON.parse(execFileSync('age', ['-d', '-i', identityPath, file]).toString()).format).toBe('vio-resultaat');
  }
  expect(network.between(firstClick).filter((u) => !u.startsWith('blob:')), 'no request after the first click').toEqual([]);

  // The accountmanager's page of the same copy says whose it is and where results go.
  const am = await employerSide.context.newPage();
  await am.goto(`${site.url}accountmanager/`);
  await expect(am.locator('p.site')).toHaveText(`${t('am_config_used', { name: 'Werkgeversservicepunt Rijk van Nijmegen', names: named(noord, zuid) })} ${t('am_config_benchmark', { n: 41, from: '05-01-2026', to: '30-11-2026' })}`);
  await employerSide.done();
  await site.close();
});

test('a copy whose config has a contact but no keys: the contact shows, Delen asks for a key', async ({ browser }) => {
  const site = await copyWith({ organisation: 'Gemeente Oss', email: 'werk@oss.nl' }, ownPort + 1);
  const side = await newGuardedContext(browser);
  const page = await side.context.newPage();
  await page.goto(site.url);
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  const contact = page.getByRole('region', { name: ui.contact_title.nl });
  await expect(contact).toContainText(t('contact_lead', { name: 'Gemeente Oss' }));
  await expect(contact.getByRole('link')).toHaveCount(1);
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  await expect(page.getByLabel(ui.share_key_label.nl)).toHaveValue('');
  const am = await side.context.newPage();
  await am.goto(`${site.url}accountmanager/`);
  await expect(am.locator('p.site')).toHaveText(t('am_config_no_keys', { name: 'Gemeente Oss' }));
  await side.done();
  await site.close();
});

test('a wrong config is not used at all: the app works as without one, the console and the accountmanager say why', async ({ browser }) => {
  const good = teamKey('Team Goed');
  const wrong = [
    // A damaged key beside a good one: neither is used, so no result goes to half a team.
    [{ organisation: 'WSP Kapot', recipients: [{ name: good.name, key: good.key }, { name: 'Team Fout', key: 'age1kapot' }] }, t('am_config_bad_key', { name: 'Team Fout' })],
    [{ organisation: 'WSP Link', web: 'javascript:alert(1)' }, ui.am_config_bad_web.nl],
    ['{\n  "organisation": "WSP Komma",\n}', t('am_config_unreadable', { line: 3, column: 1 })],
    // A benchmark edited by hand to show a group of four: no regional analysis writes that.
    [{ organisation: 'WSP Klein', benchmark: { from: '2026-01-01', to: '2026-06-30', organisations: 4, rows: [{ indicator: 'intentie_richting', group: 'regio', n: 4, rood: 25, oranje: 25, groen: 50 }] } }, ui.am_config_benchmark_too_few.nl],
  ];
  for (const [i, [config, reason]] of wrong.entries()) {
    const site = await copyWith(config, ownPort + 2 + i);
    const side = await newGuardedContext(browser);
    const page = await side.context.newPage();
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(site.url);
    await completeQuestionnaire(page, profiles.inclusief.answers);
    await expect(page.getByRole('heading', { level: 1, name: ui.result_title.nl })).toBeVisible();
    await expect(page.getByRole('region', { name: ui.contact_title.nl })).toHaveCount(0);
    await expect(page.getByRole('region', { name: ui.bench_title.nl })).toHaveCount(0);
    await page.getByRole('link', { name: ui.share_button.nl }).click();
    await expect(page.getByLabel(ui.share_key_label.nl)).toHaveValue('');
    await expect.poll(() => warnings.join('\n')).toContain('config.json');
    const am = await side.context.newPage();
    await am.goto(`${site.url}accountmanager/`);
    const notice = am.getByRole('alert').filter({ hasText: 'config.json' });
    await expect(notice).toContainText(reason);
    await side.done();
    await site.close();
  }
});

test('a benchmark made from results of known proportions shows those proportions on an employer result', async ({ browser }) => {
  // The accountmanager's copy: 30 organisations whose intention is known. 20 small ones (15 want more
  // people from the doelgroepen, 5 fewer) and 10 large ones (5 and 5): groen 67 % in the region,
  // 75 % of the small ones, 50 % of the large ones.
  const site = await copyWith({ organisation: 'WSP Rivierenland' }, ownPort + 10);
  const side = await newGuardedContext(browser);
  const am = await side.context.newPage();
  await am.goto(`${site.url}accountmanager/`);
  await am.getByLabel(ui.am_name_label.nl).fill('WSP Rivierenland');
  await am.getByRole('button', { name: ui.am_create.nl }).click();
  const key = (await am.locator('#public-key').innerText()).trim();
  const files = [];
  for (const [seed, count, employees, intention] of [[31, 15, 10, 'meer'], [32, 5, 10, 'minder'], [33, 5, 80, 'meer'], [34, 5, 80, 'minder']]) {
    const out = mkdtempSync(join(dir, 'synth-'));
    execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', String(seed), '--count', String(count), '--recipient', key, '--out', out,
      '--set', `medewerkers=${employees}`, '--set', `intentie=${intention}`, '--set', 'intentie_zeker=heel']);
    files.push(...readdirSync(out).map((f) => ({ name: `${seed}-${f}`, mimeType: 'application/octet-stream', buffer: readFileSync(join(out, f)) })));
  }
  await am.getByLabel(ui.am_choose_files.nl).setInputFiles(files);
  await expect(am.locator('table.files tbody tr')).toHaveCount(30);
  await am.getByRole('link', { name: ui.region_open.nl }).click();
  const exported = join(dir, 'benchmark.json');
  expect(await download(am, ui.region_benchmark_download.nl, exported)).toBe('benchmark.json');
  const benchmark = JSON.parse(readFileSync(exported, 'utf8'));
  const row = (group) => benchmark.rows.find((r) => r.indicator === 'intentie_richting' && r.group === group);
  expect(benchmark.organisations).toBe(30);
  expect(row('regio')).toEqual({ indicator: 'intentie_richting', group: 'regio', n: 30, rood: 33, oranje: 0, groen: 67 });
  expect([row('klein').groen, row('groot').groen]).toEqual([75, 50]);
  // Nothing about any one organisation: only these fields, and every group at least 5.
  expect(Object.keys(benchmark).sort()).toEqual(['from', 'organisations', 'rows', 'to']);
  expect(Math.min(...benchmark.rows.map((r) => r.n))).toBeGreaterThanOrEqual(5);
  // A sector filter makes no benchmark: it would not be the region.
  await am.getByLabel(ui.region_sector.nl).selectOption({ index: 1 });
  await am.getByRole('button', { name: ui.region_apply.nl }).click();
  await expect(am.getByRole('button', { name: ui.region_benchmark_download.nl })).toHaveCount(0);
  await am.getByLabel(ui.region_sector.nl).selectOption('');
  await am.getByRole('button', { name: ui.region_apply.nl }).click();
  // The site's own config.json with the benchmark in it, put on a second copy.
  const config = join(dir, 'config-with-benchmark.json');
  expect(await download(am, ui.region_benchmark_config.nl, config)).toBe('config.json');
  await side.done();
  await site.close();

  const withBenchmark = await copyWith(readFileSync(config, 'utf8'), ownPort + 11);
  const employer = await newGuardedContext(browser);
  const page = await employer.context.newPage();
  await page.goto(withBenchmark.url);
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  const section = page.getByRole('region', { name: ui.bench_title.nl });
  await expect(section).toContainText(t('bench_lead', { n: 30, name: 'WSP Rivierenland' }).split(',')[0]);
  const indicator = vio.factors.flatMap((f) => f.indicators).find((i) => i.id === 'intentie_richting').name.nl;
  const part = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: indicator }) });
  await expect(part).toContainText('In uw regio: 67 % groen, 30 organisaties.');
  // This employer has 12 employees: the small ones are its comparison, not the large ones.
  await expect(part).toContainText('Organisaties met minder dan 25 medewerkers: 75 % groen, 20 organisaties.');
  await expect(part).not.toContainText(ui.bench_group_groot.nl);
  await expect(part).toContainText('Uw uitkomst: rood, net als 33 % van de organisaties in uw regio.');
  await section.getByText(ui.bench_show_table.nl).click();
  const tableRow = section.getByRole('row', { name: new RegExp(`^${indicator} ${ui.bench_group_regio.nl} `) });
  await expect(tableRow.getByRole('cell')).toHaveText([ui.bench_group_regio.nl, '33 %', '0 %', '67 %', '30']);
  await expectNoAxeViolations(page, 'result with a regional benchmark');
  const amSide = await employer.context.newPage();
  await amSide.goto(`${withBenchmark.url}accountmanager/`);
  await expect(amSide.locator('p.site')).toContainText(t('am_config_benchmark', { n: 30, from: '', to: '' }).split(':')[0]);
  // The accountmanager preparing het goede gesprek sees the same comparison with an employer's result.
  await amSide.getByLabel(ui.am_name_label.nl).fill('WSP Rivierenland');
  await amSide.getByRole('button', { name: ui.am_create.nl }).click();
  const amKey = (await amSide.locator('#public-key').innerText()).trim();
  const one = mkdtempSync(join(dir, 'synth-'));
  execFileSync('cargo', ['run', '--quiet', '-p', 'vio-core', '--bin', 'vio-synth', '--', '--seed', '35', '--count', '1', '--recipient', amKey, '--out', one,
    '--set', 'medewerkers=80', '--set', 'intentie=meer', '--set', 'intentie_zeker=heel']);
  const [resultFile] = readdirSync(one);
  await amSide.getByLabel(ui.am_choose_files.nl).setInputFiles(join(one, resultFile));
  await amSide.getByRole('link', { name: `${ui.am_view.nl}: ${resultFile}` }).click();
  const seen = amSide.getByRole('region', { name: ui.bench_title.nl }).getByRole('listitem').filter({ has: amSide.getByRole('heading', { name: indicator }) });
  await expect(seen).toContainText('Organisaties met 25 medewerkers of meer: 50 % groen, 10 organisaties.');
  await expect(seen).toContainText('Uw uitkomst: groen, net als 67 % van de organisaties in uw regio.');
  await employer.done();
  await withBenchmark.close();
});
