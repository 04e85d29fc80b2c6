import type { Attachment } from 'svelte/attachments';
import { linkAction, type LinkAction } from './article-links';

/**
 * Makes the links inside sanitised HTML (an article, an agent's comment) act without ever
 * navigating the webview: every click on a link is cancelled, and a plain left click hands
 * the link's action to `onaction` (another article, a web page for the system browser).
 */
export function followLinks(onaction: (action: LinkAction) => void): Attachment<HTMLElement> {
  return (node) => {
    const onclick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor || !node.contains(anchor)) return;
      event.preventDefault();
      // Only a plain click follows a link: a middle click must not do something else.
      if (event.type !== 'click' || event.button !== 0) return;
      onaction(linkAction(anchor.getAttribute('href')));
    };
    node.addEventListener('click', onclick);
    node.addEventListener('auxclick', onclick);
    return () => {
      node.removeEventListener('click', onclick);
      node.removeEventListener('auxclick', onclick);
    };
  };
}
