const PALETTE = ['#d73a4a', '#0075ca', '#cfd3d7', '#a2eeef', '#7057ff', '#008672', '#e4e669', '#d876e3'];

export class ColorSwatchPicker extends HTMLElement {
  constructor() {
    super();
    this.value = PALETTE[0];
    this.open = false;
    this.onDocumentPointerDown = (event) => {
      if (this.open && !this.contains(event.target)) this.toggle(false);
    };
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
    // Pairs with connectedCallback, which adds it again if the picker is re-attached.
    document.removeEventListener('pointerdown', this.onDocumentPointerDown);
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
