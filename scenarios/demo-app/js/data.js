// Fixture data: the demo has no backend.
const FIRST = ['Ada', 'Lin', 'Mira', 'Jonas', 'Ade', 'Priya', 'Tomás', 'Yuki', 'Rafael', 'Sana', 'Olu', 'Greta'];
const LAST = ['Lovelace', 'Chen', 'Novak', 'Berg', 'Okafor', 'Raman', 'Silva', 'Tanaka', 'Costa', 'Haddad'];
const ROLES = ['Frontend engineer', 'Backend engineer', 'Product designer', 'Engineering manager', 'Data analyst', 'QA engineer'];

export const members = Array.from({ length: 48 }, (_, i) => ({
  id: `m${i + 1}`,
  name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
  role: ROLES[(i * 5) % ROLES.length],
  location: ['Berlin', 'Lagos', 'Lisbon', 'Osaka', 'Toronto'][i % 5],
}));

export const notifications = [
  { id: 'n1', text: 'Mira Novak requested your review on “Checkout redesign”', minutesAgo: 3, unread: true },
  { id: 'n2', text: 'Build #4812 on main passed', minutesAgo: 12, unread: true },
  { id: 'n3', text: 'Jonas Berg mentioned you in “Q3 roadmap”', minutesAgo: 45, unread: false },
  { id: 'n4', text: 'Priya Raman joined Design', minutesAgo: 180, unread: false },
  { id: 'n5', text: 'Weekly report is ready', minutesAgo: 1440, unread: false },
];
