// Deliberately written the common, careless way: waitForSelector() and page.$() return
// ElementHandles that are never disposed. Puppeteer's remote handles keep the removed modal
// alive (the snapshot shows them held by "(Global handles) / DevTools console" edges); the
// page itself releases everything. A correct hunt must not blame the page for this.
export default {
  name: 'open and cancel the plan modal (scenario leaks Puppeteer handles)',
  url: '/',
  async action(page) {
    await page.click('#change-plan');
    await page.waitForSelector('.modal');
    const business = await page.$('.modal input[value="business"]');
    await business.click();
  },
  async back(page) {
    await page.click('.modal .cancel');
    await page.waitForSelector('.modal', { hidden: true });
  },
};
