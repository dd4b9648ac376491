import { h, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);

class Draft {
  constructor(to) {
    this.to = to;
    this.subject = '';
    this.body = '';
    this.createdAt = new Date();
  }

  send() {
    console.info(`sending to ${this.to}`);
  }
}

function ComposePanel({ to, onClose }) {
  const draft = useMemo(() => new Draft(to), [to]);
  const [subject, setSubject] = useState('');

  useEffect(() => {
    const onKey = (event) => {
      if (event.ctrlKey && event.key === 'Enter') draft.send();
      if (event.key === 'Escape') onClose();
    };
    // BUG: no cleanup function is returned, so the listener (and the draft it closes over)
    // stays on document after the panel unmounts.
    document.addEventListener('keydown', onKey);
  }, [draft]);

  return html`
    <section class="compose">
      <h2>New message to ${to}</h2>
      <input value=${subject} onInput=${(e) => { setSubject(e.target.value); draft.subject = e.target.value; }} />
      <button class="close" onClick=${onClose}>Discard</button>
    </section>`;
}

function App() {
  const [composing, setComposing] = useState(false);
  return html`
    <header><button id="compose" onClick=${() => setComposing(true)}>Compose</button></header>
    ${composing ? html`<${ComposePanel} to="team@example.com" onClose=${() => setComposing(false)} />` : html`<p class="inbox">Inbox is empty.</p>`}`;
}

render(html`<${App} />`, document.getElementById('app'));
