// Moves a card to Done and back to In progress: two edits, two history entries.
export default {
  name: 'finish a card and reopen it',
  url: '/',
  async action(page) {
    await page.click('.card[data-card="T-101"] .to-done');
    await page.locator('[data-column="done"] .card[data-card="T-101"]').wait();
  },
  async back(page) {
    await page.click('.card[data-card="T-101"] .to-doing');
    await page.locator('[data-column="doing"] .card[data-card="T-101"]').wait();
  },
};
