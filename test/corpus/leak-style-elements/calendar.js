// A tiny CSS-in-JS helper: each styled component instance gets its own class and rule.
let styleCounter = 0;

function css(rules) {
  const className = `c${++styleCounter}`;
  const style = document.createElement('style');
  style.textContent = `.${className} { ${rules} }`;
  document.head.append(style);
  return className;
}

class EventPopover {
  constructor(name, color) {
    this.name = name;
    this.el = document.createElement('div');
    // BUG: injects a new <style> into <head> per popover and never removes it.
    this.el.className = css(`position: absolute; border: 2px solid ${color}; background: #fff; padding: 8px;`);
    this.el.innerHTML = `<strong>${name}</strong><p>10:00 – 10:15</p><button class="close-popover">Close</button>`;
    this.el.querySelector('.close-popover').addEventListener('click', () => this.el.remove());
  }
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('.event');
  if (!button) return;
  const popover = new EventPopover(button.textContent, button.dataset.color);
  document.getElementById('popover-slot').replaceChildren(popover.el);
});
