import type { Language, Settings, ThemePreference } from './bindings';
import { setLanguage } from './i18n';

/** The language shown: the user's choice, or the system's when they follow the system. */
export function resolveLanguage(settings: Settings, systemLanguage: Language): Language {
  return settings.language === 'system' ? systemLanguage : settings.language;
}

/**
 * Light/dark: `system` leaves the CSS to follow `prefers-color-scheme`; a fixed choice pins it
 * through the `data-theme` attribute that app.css reads.
 */
export function applyTheme(theme: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') {
    delete root.dataset.theme;
  } else {
    root.dataset.theme = theme;
  }
}

/** Applies settings to the whole document: language and theme. */
export function applySettings(settings: Settings, systemLanguage: Language): void {
  setLanguage(resolveLanguage(settings, systemLanguage));
  applyTheme(settings.theme);
}
