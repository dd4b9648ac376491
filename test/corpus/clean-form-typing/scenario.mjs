// Typing grows Blink's editing undo stack on every keystroke; the page itself keeps nothing.
export default {
  name: 'type a street and postcode, then clear the form',
  url: '/',
  async action(page) {
    await page.type('input[name="street"]', 'Oranienstraße 25');
    await page.type('input[name="postcode"]', '10999');
    await page.locator('#postcode-hint[data-state="ok"]').wait();
  },
  async back(page) {
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('postcode-hint').dataset.state === 'pending'
      && document.querySelector('input[name="street"]').value === '');
  },
};
