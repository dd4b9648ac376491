function badgeSvg(label, status) {
  const color = status === 'passing' ? '#4c1' : '#e05d44';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 120 30">
    <rect width="60" height="30" fill="#555"/><rect x="60" width="60" height="30" fill="${color}"/>
    <text x="30" y="19" fill="#fff" font-family="sans-serif" font-size="11" text-anchor="middle">${label}</text>
    <text x="90" y="19" fill="#fff" font-family="sans-serif" font-size="11" text-anchor="middle">${status}</text></svg>`;
}

class BadgePreview {
  constructor(label, status) {
    this.blob = new Blob([badgeSvg(label, status)], { type: 'image/svg+xml' });
    // An object URL pins its Blob until revoked; close() revokes it.
    this.url = URL.createObjectURL(this.blob);
    this.el = document.createElement('figure');
    this.el.className = 'preview';
    this.el.innerHTML = `<img alt="${label}: ${status}"><figcaption><a download="badge.svg">Download</a> <button class="discard">Discard</button></figcaption>`;
    this.el.querySelector('img').src = this.url;
    this.el.querySelector('a').href = this.url;
    this.el.querySelector('img').addEventListener('load', () => { this.el.dataset.loaded = 'true'; });
    this.el.querySelector('.discard').addEventListener('click', () => this.close());
  }

  close() {
    URL.revokeObjectURL(this.url);
    this.el.remove();
  }
}

let current = null;
document.getElementById('render-badge').addEventListener('click', () => {
  current?.close();
  current = new BadgePreview(document.getElementById('label').value, document.getElementById('status').value);
  document.getElementById('preview-slot').replaceChildren(current.el);
});
document.getElementById('preview-slot').addEventListener('click', (event) => {
  if (event.target.classList.contains('discard')) current = null;
});
