/** The app's screens, in navigation order. The hash (`#/tickets`) names the current one. */
export const screens = ['search', 'tickets', 'status', 'plans', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** The screen a location hash points at; unknown or empty hashes open Search. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'search';
}

export function hashFor(screen: Screen): string {
  return `#/${screen}`;
}
