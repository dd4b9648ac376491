import { tooltipFor } from './tooltip.js';

const PEOPLE = [
  { name: 'Mira Okafor', team: 'design', role: 'Lead designer', tz: 'CET' },
  { name: 'Jonas Berg', team: 'platform', role: 'SRE', tz: 'CET' },
  { name: 'Ade Lin', team: 'design', role: 'UX researcher', tz: 'PST' },
  { name: 'Li Wei', team: 'sales', role: 'Account executive', tz: 'CST' },
];

const list = document.getElementById('people');

function render(team) {
  const shown = team ? PEOPLE.filter((p) => p.team === team) : PEOPLE;
  list.innerHTML = shown.map((p) =>
    `<li class="person"><button class="name" data-tooltip="${p.role}, ${p.tz}">${p.name}</button></li>`).join('');
  list.dataset.team = team;
}

// Tooltips are attached by delegation, so re-rendering the list needs no rebinding.
list.addEventListener('mouseover', (event) => {
  const anchor = event.target.closest('[data-tooltip]');
  if (anchor) tooltipFor(anchor).show();
});
list.addEventListener('mouseout', (event) => {
  const anchor = event.target.closest('[data-tooltip]');
  if (anchor) tooltipFor(anchor).hide();
});

document.querySelectorAll('.team').forEach((button) => {
  button.addEventListener('click', () => render(button.dataset.team));
});

render('');
