// Controllers are attached to elements through a WeakMap, so removing an element lets its
// controller go too; no explicit teardown needed.
class TooltipController {
  constructor(target) {
    this.target = target;
    this.text = target.dataset.tooltip;
    this.tip = null;
    this.shownCount = 0;
  }

  show() {
    this.tip = document.createElement('div');
    this.tip.className = 'tooltip';
    this.tip.textContent = this.text;
    const rect = this.target.getBoundingClientRect();
    this.tip.style.left = `${rect.left}px`;
    this.tip.style.top = `${rect.bottom + 4}px`;
    document.body.append(this.tip);
    this.shownCount += 1;
  }

  hide() {
    this.tip?.remove();
    this.tip = null;
  }
}

const controllers = new WeakMap();

function controllerFor(el) {
  let controller = controllers.get(el);
  if (!controller) {
    controller = new TooltipController(el);
    controllers.set(el, controller);
  }
  return controller;
}

// Delegated listeners on document: nothing to unregister per element.
document.addEventListener('mouseover', (event) => {
  const el = event.target.closest('[data-tooltip]');
  if (el) controllerFor(el).show();
});
document.addEventListener('mouseout', (event) => {
  const el = event.target.closest('[data-tooltip]');
  if (el) controllerFor(el).hide();
});

function openForm() {
  const form = document.createElement('form');
  form.className = 'profile-form';
  form.innerHTML = `
    <label>Display name <span class="help" data-tooltip="Shown to your teammates">?</span>
      <input name="name" value="Ada"></label>
    <label>Pronouns <span class="help" data-tooltip="Optional">?</span><input name="pronouns"></label>
    <button type="button" class="cancel">Cancel</button>`;
  form.querySelector('.cancel').addEventListener('click', () => form.remove());
  document.getElementById('form-slot').replaceChildren(form);
}

document.getElementById('open-form').addEventListener('click', openForm);
