import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const golden = JSON.parse(readFileSync('/work/main/tests/fixtures/golden.json'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const name = process.argv[2], width = +process.argv[3];
const page = await browser.newPage({ viewport: { width, height: 900 } });
await page.goto('http://127.0.0.1:8190/vio/');
await page.evaluate((answers) => {
  localStorage.setItem('vio.state', JSON.stringify({ schema: 2, lang: 'nl', draft: { questionnaire: { id: 'vio', version: 2 }, answers, section: 'intentie', plan: [], analysis: null }, analyses: [], invite: null }));
}, golden[name].answers);
await page.goto('http://127.0.0.1:8190/vio/#/resultaat'); await page.reload();
await page.waitForSelector('#radar svg');
await page.screenshot({ path: `/tmp/shot-${name}-${width}.png`, fullPage: true });
await browser.close();
