// German postcodes: five digits. The hint updates as the customer types.
const REGIONS = { 0: 'Saxony / Thuringia', 1: 'Berlin / Brandenburg', 2: 'Hamburg / Schleswig-Holstein', 8: 'Bavaria (south)', 9: 'Bavaria (north)' };

class PostcodeValidator {
  constructor(input, hint) {
    this.input = input;
    this.hint = hint;
    input.addEventListener('input', () => this.check());
  }

  check() {
    const value = this.input.value.trim();
    let message = '';
    let error = false;
    if (value && !/^\d{0,5}$/.test(value)) {
      message = 'Digits only, please';
      error = true;
    } else if (value.length === 5) {
      message = REGIONS[value[0]] ?? 'Germany';
    }
    this.hint.textContent = message;
    this.hint.classList.toggle('error', error);
    this.input.setCustomValidity(error ? message : '');
    this.hint.dataset.state = value.length === 5 && !error ? 'ok' : 'pending';
  }
}

const form = document.getElementById('address');
const validator = new PostcodeValidator(form.elements.postcode, document.getElementById('postcode-hint'));
// 'reset' fires before the fields are cleared, so check once the reset has happened.
form.addEventListener('reset', () => setTimeout(() => validator.check()));
form.addEventListener('submit', (event) => event.preventDefault());
