let nextAssetVersion = 1;

class DecodedImage {
  constructor(name, width, height) {
    this.name = name;
    this.width = width;
    this.height = height;
    this.pixels = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < this.pixels.length; i += 4) {
      this.pixels[i] = (i / 4) % width;
      this.pixels[i + 3] = 255;
    }
  }
}

// Decoded images are expensive, so they are shared while anyone still uses them, but the
// cache itself must not keep them alive: it holds WeakRefs, and a FinalizationRegistry drops
// the entry once the image has been collected.
class DecodedImageCache {
  constructor() {
    this.refs = new Map();
    this.registry = new FinalizationRegistry((key) => {
      if (!this.refs.get(key)?.deref()) this.refs.delete(key);
    });
  }

  get(key, decode) {
    const cached = this.refs.get(key)?.deref();
    if (cached) return cached;
    const image = decode();
    this.refs.set(key, new WeakRef(image));
    this.registry.register(image, key);
    return image;
  }
}

const images = new DecodedImageCache();

class AssetPreview {
  constructor(image) {
    this.image = image;
    this.el = document.createElement('div');
    this.el.className = 'preview';
    this.el.innerHTML = `<canvas width="${image.width}" height="${image.height}"></canvas>
      <button class="close-preview">Close</button>`;
    this.el.querySelector('canvas').getContext('2d').putImageData(new ImageData(image.pixels, image.width), 0, 0);
    this.el.querySelector('.close-preview').addEventListener('click', () => this.el.remove());
  }
}

document.getElementById('open-asset').addEventListener('click', () => {
  // Each upload of the asset is a new version, so each open decodes a new image.
  const key = `logo.png@v${nextAssetVersion++}`;
  const image = images.get(key, () => new DecodedImage(key, 64, 64));
  document.getElementById('viewer').replaceChildren(new AssetPreview(image).el);
});
