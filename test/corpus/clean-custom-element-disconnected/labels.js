import './color-swatch-picker.js';

const slot = document.getElementById('editor-slot');

function openEditor() {
  const form = document.createElement('form');
  form.className = 'label-editor';
  form.innerHTML = `
    <input name="name" placeholder="Label name" value="needs-triage">
    <color-swatch-picker></color-swatch-picker>
    <button type="submit">Create</button>
    <button type="button" class="cancel">Cancel</button>`;
  form.querySelector('.cancel').addEventListener('click', () => form.remove());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    form.remove();
  });
  slot.replaceChildren(form);
}

document.getElementById('new-label').addEventListener('click', openEditor);
