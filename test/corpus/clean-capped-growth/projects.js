const projects = Array.from({ length: 12 }, (_, i) => ({ id: `prj-${i + 1}`, name: `Project ${i + 1}` }));
let cursor = 0;

class RecentProject {
  constructor(project) {
    this.id = project.id;
    this.name = project.name;
    this.viewedAt = new Date();
    // A small preview is kept so the list can show it without refetching.
    this.preview = Array.from({ length: 50 }, (_, i) => `${project.name} task ${i + 1}`);
  }
}

// Bounded history: the page grows until it holds MAX_RECENT entries, then stays flat.
const MAX_RECENT = 3;
const recent = [];

function remember(project) {
  const index = recent.findIndex((r) => r.id === project.id);
  if (index >= 0) recent.splice(index, 1);
  recent.unshift(new RecentProject(project));
  recent.length = Math.min(recent.length, MAX_RECENT);
  document.getElementById('recent').innerHTML = recent.map((r) => `<li>${r.name}</li>`).join('');
}

document.getElementById('open-next').addEventListener('click', () => {
  const project = projects[cursor++ % projects.length];
  remember(project);
  document.getElementById('project').innerHTML = `<h2 class="project-title">${project.name}</h2>`;
});
document.getElementById('close-project').addEventListener('click', () => {
  document.getElementById('project').replaceChildren();
});
