// The formatting toolbar lives for the whole page; inline comment editors come and go.
const toolbar = document.getElementById('format-toolbar');

const MARKERS = { bold: '**', italic: '_', code: '`' };

class CommentEditor {
  constructor(line) {
    this.line = line;
    this.draft = '';
    this.createdAt = new Date();
    this.el = document.createElement('div');
    this.el.className = 'comment-editor';
    this.el.innerHTML = `
      <textarea placeholder="Leave a comment on line ${line}"></textarea>
      <button class="cancel">Cancel</button>
      <button class="submit">Comment</button>`;
    this.textarea = this.el.querySelector('textarea');
    this.textarea.addEventListener('input', () => (this.draft = this.textarea.value));
    this.el.querySelector('.cancel').addEventListener('click', () => this.destroy());
  }

  mount(afterEl) {
    afterEl.after(this.el);
    const editor = this;
    // BUG: added to the long-lived toolbar and never removed in destroy().
    toolbar.addEventListener('click', (event) => {
      const button = event.target.closest('[data-format]');
      if (button) editor.wrapSelection(MARKERS[button.dataset.format]);
    });
  }

  wrapSelection(marker) {
    const { selectionStart: start, selectionEnd: end, value } = this.textarea;
    this.textarea.value = value.slice(0, start) + marker + value.slice(start, end) + marker + value.slice(end);
    this.draft = this.textarea.value;
  }

  destroy() {
    this.el.remove();
  }
}

for (const line of document.querySelectorAll('.diff-line')) {
  line.addEventListener('click', () => new CommentEditor(Number(line.dataset.line)).mount(line));
}
