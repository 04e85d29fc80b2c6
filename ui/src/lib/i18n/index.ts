import { addMessages, init, locale } from 'svelte-i18n';
import type { Language } from '../bindings';
import en from './en.json';
import fr from './fr.json';

/** Every UI string, per language. Both catalogues have the same keys (a unit test checks). */
export const catalogues: Record<Language, typeof en> = { en, fr };

addMessages('en', en);
addMessages('fr', fr);
init({ fallbackLocale: 'en', initialLocale: 'en' });

/** Switches every visible string, and the document's language for screen readers. */
export function setLanguage(language: Language): void {
  locale.set(language);
  document.documentElement.lang = language;
}
