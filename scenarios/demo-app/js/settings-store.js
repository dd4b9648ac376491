const KEY = 'teamboard.settings';
const DEFAULTS = { displayName: 'Ada Lovelace', emailDigest: true, theme: 'light' };

export function loadSettings() {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(settings) {
  localStorage.setItem(KEY, JSON.stringify(settings));
  document.documentElement.dataset.theme = settings.theme;
}
