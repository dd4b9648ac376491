// The pages under test, served on 127.0.0.1 by the worker itself (lib/static-server.ts), and
// set as Playwright's baseURL so specs write `page.goto('/leaky.html')`.
import { fileURLToPath } from 'node:url';
import { test as leakhoundTest } from '../../lib/playwright.js';
import { startStaticServer } from '../../lib/static-server.js';

export const test = leakhoundTest.extend<object, { site: string }>({
  site: [
    async ({}, use) => {
      const server = await startStaticServer({ root: fileURLToPath(new URL('./pages', import.meta.url)) });
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ site }, use) => use(site),
});

export { expect } from '../../lib/playwright.js';
