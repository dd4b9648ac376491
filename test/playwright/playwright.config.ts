// Playwright config for leakhound's own fixture tests: the system Chromium (no browser
// download), headless, with the flags leakhound's runner uses so the browser does no
// background work of its own during a hunt. Run: npx playwright test -c test/playwright/playwright.config.ts
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const args = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// Chromium refuses to start its sandbox as root (containers, CI); elsewhere keep it.
if (process.getuid?.() === 0) args.push('--no-sandbox');

export default defineConfig({
  testDir: '.',
  // Only Playwright's specs: mocha's *.test.ts files live elsewhere and must not run here.
  testMatch: '**/*.spec.ts',
  // Hunts take heap snapshots; a loaded CI machine needs room.
  timeout: 180_000,
  // Two hunts at once on a small machine only slow each other down.
  workers: 1,
  reporter: process.env.CI ? 'line' : 'list',
  // Traces and attachments of failed tests; outside the repository.
  outputDir: process.env.LEAKHOUND_PW_OUTPUT ?? join(tmpdir(), 'leakhound-playwright-results'),
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.LEAKHOUND_CHROMIUM ?? '/usr/bin/chromium',
      args,
    },
  },
});
