// End-to-end tests: Debian's Chromium against the built dist/, served from a subfolder.
import { defineConfig } from '@playwright/test';

// VIO_TEST_PORT: a second run beside another one on this machine (a fresh-clone CI run, say).
const port = Number(process.env.VIO_TEST_PORT ?? 8181);
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/vio/`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    locale: 'nl-NL',
  },
  webServer: {
    command: `node tests/serve.mjs --port ${port} --dir dist --prefix /vio/ --headers`,
    url: `http://127.0.0.1:${port}/vio/`,
    reuseExistingServer: false,
  },
});
