// Loaded on demand: only a few users ever print, so this stays out of the first load.
const currency = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

export class PrintPreview {
  constructor(invoice) {
    this.invoice = invoice;
    this.el = document.createElement('article');
    this.el.className = 'preview';
    const total = invoice.lines.reduce((sum, l) => sum + l.qty * l.price, 0);
    this.el.innerHTML = `
      <h2>${invoice.number}</h2>
      <p>${invoice.customer}</p>
      <table>${invoice.lines.map((l) => `<tr><td>${l.item}</td><td>${l.qty}</td><td>${currency.format(l.qty * l.price)}</td></tr>`).join('')}</table>
      <p><strong>Total ${currency.format(total)}</strong></p>
      <button class="close-preview">Close</button>`;
  }
}
