/**
 * On a document page opened from a search result (`?highlight=人才引进`),
 * marks the searched strings in the indexed text and scrolls to the first.
 * Text nodes are split and wrapped in `<mark>`; nothing is parsed as HTML.
 */
import { highlightParts } from '../../scripts/search/highlight.ts';

/** At most this many strings are taken from the URL. */
const MAX_NEEDLES = 10;

/** Marks every occurrence of the needles in the text below root; returns the first mark. */
export function markText(root: Element, needles: string[]): HTMLElement | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('script, style, mark, [hidden]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let first: HTMLElement | null = null;
  for (const node of nodes) {
    const parts = highlightParts(node.data, needles);
    if (!parts.some((p) => p.mark)) continue;
    const fragment = document.createDocumentFragment();
    for (const part of parts) {
      if (!part.mark) {
        fragment.append(part.text);
        continue;
      }
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = part.text;
      first ??= mark;
      fragment.append(mark);
    }
    node.replaceWith(fragment);
  }
  return first;
}

const needles = new URLSearchParams(location.search)
  .getAll('highlight')
  .map((s) => s.trim())
  .filter(Boolean)
  .slice(0, MAX_NEEDLES);
const body = document.querySelector('[data-pagefind-body]');
if (needles.length > 0 && body) {
  const first = markText(body, needles);
  if (first && !location.hash) first.scrollIntoView({ block: 'center' });
}
