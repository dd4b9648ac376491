function markdownToHtml(md) {
  return md
    .split('\n')
    .map((line) => {
      if (line.startsWith('# ')) return `<h1>${line.slice(2)}</h1>`;
      if (line.startsWith('* ')) return `<li>${line.slice(2)}</li>`;
      return line ? `<p>${line}</p>` : '';
    })
    .join('\n');
}

// The preview renders in an iframe so the newsletter's CSS cannot clash with the app's.
class PreviewPane {
  constructor(html) {
    this.renderedAt = Date.now();
    this.el = document.createElement('div');
    this.el.className = 'preview-pane';
    this.el.innerHTML = '<button class="close-preview">Close preview</button>';
    const iframe = document.createElement('iframe');
    this.el.append(iframe);
    document.getElementById('preview-slot').append(this.el);
    // Keep a handle on the frame's window to print or measure it later.
    this.frameWindow = iframe.contentWindow;
    this.frameWindow.document.open();
    this.frameWindow.document.write(`<!doctype html><style>body{font:14px Georgia}</style>${html}`);
    this.frameWindow.document.close();
    this.el.querySelector('.close-preview').addEventListener('click', () => this.close());
  }

  print() {
    this.frameWindow.print();
  }

  close() {
    this.el.remove();
  }
}

// "Recently previewed" for the version-compare feature; never trimmed.
const previewHistory = [];

document.getElementById('preview').addEventListener('click', () => {
  const source = document.getElementById('source').value;
  previewHistory.push(new PreviewPane(markdownToHtml(source)));
});
