const photos = [
  { id: 'p1', title: 'Kick-off', width: 4032, height: 3024 },
  { id: 'p2', title: 'Hike', width: 3024, height: 4032 },
  { id: 'p3', title: 'Dinner', width: 4032, height: 2268 },
];

class LightboxViewer {
  constructor(photo) {
    this.photo = photo;
    this.zoom = 1;
    this.el = document.createElement('div');
    this.el.className = 'lightbox';
    this.el.innerHTML = `
      <figure>
        <div class="frame"></div>
        <figcaption>${photo.title}</figcaption>
        <button class="close">Close</button>
      </figure>`;
    this.el.querySelector('.close').addEventListener('click', () => this.close());
  }

  open() {
    document.body.append(this.el);
    this.fit();
    // BUG: never removed in close(), so every viewer stays reachable from window.
    const viewer = this;
    window.addEventListener('resize', function onResize() {
      viewer.fit();
    });
  }

  fit() {
    const scale = Math.min(innerWidth / this.photo.width, innerHeight / this.photo.height);
    const frame = this.el.querySelector('.frame');
    frame.style.width = `${Math.round(this.photo.width * scale * 0.8)}px`;
    frame.style.height = `${Math.round(this.photo.height * scale * 0.8)}px`;
  }

  close() {
    this.el.remove();
  }
}

const gallery = document.getElementById('gallery');
for (const photo of photos) {
  const button = document.createElement('button');
  button.className = 'thumb';
  button.dataset.photo = photo.id;
  button.textContent = photo.title;
  button.addEventListener('click', () => new LightboxViewer(photo).open());
  gallery.append(button);
}
