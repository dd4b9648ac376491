const comments = {
  t1: [
    { author: 'mira', text: '@jonas can we try a darker overlay?' },
    { author: 'jonas', text: 'Sure, @mira — pushing a variant now.' },
    { author: 'ade', text: 'Looks good to me.' },
  ],
};

// Comments may be rendered anywhere (threads, notifications), so this watches the whole
// body and wraps known @handles as they appear. Returns the function that stops it.
function highlightMentions(thread) {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.matches('.comment-text')) thread.highlight(node);
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

class CommentThread {
  constructor(id, participants) {
    this.id = id;
    this.participants = new Set(participants);
    this.el = document.createElement('section');
    this.el.className = 'thread';
    this.el.innerHTML = '<button class="close-thread">Close</button>';
    this.el.querySelector('.close-thread').addEventListener('click', () => this.close());
  }

  open(parent) {
    this.stopHighlighting = highlightMentions(this);
    parent.append(this.el);
    for (const comment of comments[this.id]) {
      const p = document.createElement('p');
      p.className = 'comment-text';
      p.textContent = `${comment.author}: ${comment.text}`;
      this.el.append(p);
    }
  }

  highlight(el) {
    el.innerHTML = el.textContent.replace(/@(\w+)/g, (match, user) =>
      this.participants.has(user) ? `<span class="mention">${match}</span>` : match);
  }

  close() {
    // BUG: never calls this.stopHighlighting(); the observer stays registered on <body>.
    this.el.remove();
  }
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('.open-thread');
  if (button) {
    new CommentThread(button.dataset.thread, ['mira', 'jonas', 'ade']).open(document.getElementById('thread-slot'));
  }
});
