const invoice = {
  number: 'INV-2026-0142',
  customer: 'Hoffmann GmbH, Leipzig',
  lines: [
    { item: 'Consulting (hours)', qty: 12, price: 120 },
    { item: 'Licence, team plan', qty: 1, price: 490 },
    { item: 'Travel', qty: 1, price: 86.4 },
  ],
};

const slot = document.getElementById('preview-slot');

document.getElementById('preview').addEventListener('click', async () => {
  // The module is fetched once; later import() calls resolve to the same module record.
  const { PrintPreview } = await import('./print-preview.js');
  const preview = new PrintPreview(invoice);
  preview.el.querySelector('.close-preview').addEventListener('click', () => preview.el.remove());
  slot.replaceChildren(preview.el);
});
