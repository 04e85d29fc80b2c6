/** What a click on a link inside an article body does. */
export type LinkAction =
  /** Another help article: follow it inside the app. */
  | { kind: 'article'; hash: string }
  /** A web page: open it in the system browser. */
  | { kind: 'web'; url: string }
  /** Anything else (files, mail, in-page anchors, scripts): do nothing. */
  | { kind: 'blocked' };

/** Decides from a link's raw `href` attribute; the webview itself never navigates away. */
export function linkAction(href: string | null): LinkAction {
  const target = href?.trim() ?? '';
  if (/^#\/article\/[^/]/.test(target)) return { kind: 'article', hash: target };
  if (/^https?:\/\/[^\s]+$/i.test(target)) return { kind: 'web', url: target };
  return { kind: 'blocked' };
}
