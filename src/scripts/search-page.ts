/**
 * The search page in the browser: loads Pagefind and the term dictionary,
 * keeps the state in the URL, runs whole-term queries (`run-query.ts`), and
 * renders facets with counts and results with highlighted excerpts. DOM is
 * built with text nodes only; nothing from the index is parsed as HTML.
 */
import { cleanExcerpt, excerptNeedles } from '../../scripts/search/excerpt.ts';
import { highlightParts } from '../../scripts/search/highlight.ts';
import { FACETS, facetValueLabel, orderFacetValues, type FacetLabels, type Label } from '../../scripts/search/facets.ts';
import type { FilterName } from '../../scripts/search/fields.ts';
import { runQuery, type QueryMode } from '../../scripts/search/run-query.ts';
import { buildMatcher, TOKEN_PREFIX, type TermMatcher } from '../../scripts/search/terms.ts';
import { pagefindFilters, pagefindSort, parseState, resultHref, serializeState, withQuery, type SortOrder } from '../../scripts/search/url-state.ts';

interface ResultData {
  url: string;
  meta: Record<string, string>;
  excerpt: string;
  plain_excerpt?: string;
}
interface Result {
  id: string;
  data(): Promise<ResultData>;
}
interface Response {
  results: Result[];
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, options?: Record<string, unknown>): Promise<Response>;
}

/**
 * Results loaded per page of the list. Each result costs one Pagefind fragment (the document's text, 5–10 KB
 * compressed), so the first screen of a search stays near 150 KB at 10,000 documents; “more” loads the next ten.
 */
const PAGE_SIZE = 10;
/** Wait after typing before searching. */
const TYPING_DELAY = 300;

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`search page: #${id} is missing`);
  return element as T;
};

function labelNodes(label: Label): Node[] {
  const nodes: Node[] = [document.createTextNode(label.zh)];
  if (label.en) {
    const en = document.createElement('span');
    en.lang = 'en';
    en.textContent = label.en;
    nodes.push(document.createTextNode(' '), en);
  }
  return nodes;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

/** Loads Pagefind's bundle; the path is kept from the bundler, it exists only after indexing. */
async function loadPagefind(): Promise<Pagefind> {
  const path = '/pagefind/pagefind.js';
  const pagefind = (await import(/* @vite-ignore */ path)) as Pagefind;
  await pagefind.options({ baseUrl: '/', excerptLength: 36 });
  await pagefind.init();
  // Loads every filter's index, so each search reports counts for all facets.
  await pagefind.filters();
  return pagefind;
}

async function loadMatcher(): Promise<TermMatcher> {
  try {
    const response = await fetch('/search/terms.json');
    const file = (await response.json()) as { prefix: string; terms: string[] };
    return buildMatcher(file.prefix === TOKEN_PREFIX ? file.terms : []);
  } catch {
    // Without the dictionary the page still searches, with Pagefind's own segmentation.
    return buildMatcher([]);
  }
}

/** Starts the page: reads the URL, wires the controls, runs the first search. */
export async function startSearchPage(): Promise<void> {
  const app = $<HTMLDivElement>('search-app');
  const form = $<HTMLFormElement>('search-form');
  const input = $<HTMLInputElement>('search-q');
  const status = $<HTMLParagraphElement>('search-status');
  const modeNote = $<HTMLParagraphElement>('search-mode');
  const facetsBox = $<HTMLDivElement>('search-facets');
  const list = $<HTMLOListElement>('search-results');
  const more = $<HTMLButtonElement>('search-more');
  const sortSelect = $<HTMLSelectElement>('search-sort');
  const labels = JSON.parse($('search-labels').textContent || '{}') as FacetLabels;

  app.hidden = false;
  status.textContent = '正在加载搜索… Loading search…';

  let pagefind: Pagefind;
  let matcher: TermMatcher;
  try {
    [pagefind, matcher] = await Promise.all([loadPagefind(), loadMatcher()]);
  } catch (error) {
    status.textContent = '';
    status.append('搜索索引无法加载。', el('a', { href: '/documents/' }, '浏览全部文件'), ' ', el('span', { lang: 'en' }, 'The search index could not be loaded. ', el('a', { href: '/documents/' }, 'Browse all documents'), '.'));
    console.error(error);
    return;
  }

  let state = parseState(location.search);
  let generation = 0;
  let shown: Result[] = [];
  let highlight: string[] = [];
  let rendered = 0;

  const search = async (push: 'push' | 'replace' | 'none'): Promise<void> => {
    const mine = ++generation;
    const query = serializeState(state);
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (push === 'push' && url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    else if (push === 'replace') history.replaceState(null, '', url);
    input.value = state.q;
    sortSelect.value = !state.q && state.sort === 'relevance' ? 'year-desc' : state.sort;
    (sortSelect.querySelector('option[value="relevance"]') as HTMLOptionElement).disabled = !state.q;

    const request = { query: state.q, filters: pagefindFilters(state), sort: pagefindSort(state), loose: state.loose };
    const outcome = await runQuery(pagefind, matcher, request, (r) => r.results.length);
    // Counts for a facet with a selected value come from the search without that selection.
    const facetCounts: Partial<Record<FilterName, Record<string, number>>> = {};
    await Promise.all(
      FACETS.map(async ({ name }) => {
        if (!state.filters[name]) {
          facetCounts[name] = outcome.response.filters[name] ?? {};
          return;
        }
        const other = await runQuery(pagefind, matcher, { ...request, filters: pagefindFilters(state, name) }, (r) => r.results.length);
        facetCounts[name] = other.response.filters[name] ?? {};
      }),
    );
    if (mine !== generation) return;

    shown = outcome.response.results;
    highlight = outcome.highlight;
    rendered = 0;
    list.replaceChildren();
    renderFacets(facetCounts);
    await renderMore(mine);
    // Announced once the first results are on the page.
    if (mine === generation) renderStatus(shown.length, outcome.mode, outcome.terms);
  };

  const renderStatus = (total: number, mode: QueryMode, terms: string[]): void => {
    const filtered = Object.keys(state.filters).length > 0;
    const scope = state.q ? `“${state.q}”` : filtered ? '所选条件' : '全部文件';
    status.textContent = `${scope}：共 ${total} 份文件 `;
    status.append(el('span', { lang: 'en' }, `${total} document${total === 1 ? '' : 's'}${state.q ? ` for “${state.q}”` : ''}`));
    modeNote.replaceChildren();
    modeNote.hidden = true;
    const looseLink = (zh: string, en: string): HTMLAnchorElement =>
      el('a', { href: `?${serializeState({ ...state, loose: true })}` }, zh, ' ', el('span', { lang: 'en' }, en));
    if (mode === 'terms') {
      modeNote.append(`按整词「${terms.join('」「')}」查找。`, looseLink('也显示只含其中各字词的文件', 'Also show documents with the separate words'));
      modeNote.hidden = false;
    } else if (mode === 'fallback') {
      modeNote.append(`没有文件包含完整的「${terms.join('」「')}」，以下为包含其中各字词的结果。`, el('span', { lang: 'en' }, 'No document holds the whole term; these hold its parts.'));
      modeNote.hidden = false;
    } else if (mode === 'plain' && state.loose && terms.length > 0) {
      modeNote.append('显示包含各个字词的全部结果。', el('a', { href: `?${serializeState({ ...state, loose: false })}` }, '只看包含整词的文件 ', el('span', { lang: 'en' }, 'Whole terms only')));
      modeNote.hidden = false;
    }
  };

  const wide = matchMedia('(min-width: 52rem)');
  /** Facet groups the reader opened or closed, kept across re-renders. */
  const openGroups = new Map<FilterName, boolean>();

  const renderFacets = (counts: Partial<Record<FilterName, Record<string, number>>>): void => {
    // Re-rendering replaces the radios: keep keyboard focus on the same choice.
    const active = document.activeElement;
    const focused = active instanceof HTMLInputElement && active.name.startsWith('facet-') ? { name: active.name, value: active.value } : null;
    const groups: HTMLElement[] = [];
    for (const facet of FACETS) {
      const selected = state.filters[facet.name];
      const values = orderFacetValues(facet.name, counts[facet.name] ?? {}, selected);
      if (values.length === 0) continue;
      const fieldset = el('fieldset', { className: 'facet' }, el('legend', { className: 'visually-hidden' }, ...labelNodes(facet)));
      const options = el('ul', { className: 'facet-values' });
      const option = (value: string, label: Label, count: number | null): HTMLLIElement => {
        const id = `facet-${facet.name}-${options.children.length}`;
        const radio = el('input', { type: 'radio', name: `facet-${facet.name}`, id, value, checked: (selected ?? '') === value });
        radio.addEventListener('change', () => {
          const filters = { ...state.filters };
          if (value) filters[facet.name] = value;
          else delete filters[facet.name];
          state = { ...state, filters };
          void search('push');
        });
        const text = el('label', { htmlFor: id }, ...labelNodes(label));
        if (count !== null) text.append(' ', el('span', { className: 'facet-count' }, `(${count})`));
        return el('li', {}, radio, text);
      };
      options.append(option('', { zh: '不限', en: 'Any' }, null));
      for (const [value, count] of values) options.append(option(value, facetValueLabel(facet.name, value, labels), count));
      fieldset.append(options);
      // Wide screens open the short lists; phones keep them closed so the results come into view.
      const open = openGroups.get(facet.name) ?? (Boolean(selected) || (wide.matches && values.length <= 6));
      const summary = el('summary', {}, ...labelNodes(facet), selected ? `：${facetValueLabel(facet.name, selected, labels).zh}` : '');
      const details = el('details', { className: 'facet-group', open }, summary, fieldset);
      details.addEventListener('toggle', () => openGroups.set(facet.name, details.open));
      groups.push(details);
    }
    facetsBox.replaceChildren(...groups);
    if (focused) {
      const again = [...facetsBox.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.name === focused.name && r.value === focused.value);
      again?.focus();
    }
  };

  const renderMore = async (mine: number): Promise<void> => {
    const batch = shown.slice(rendered, rendered + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return;
    for (const item of data) list.append(renderResult(item));
    rendered += batch.length;
    more.hidden = rendered >= shown.length;
  };

  const renderResult = (data: ResultData): HTMLLIElement => {
    const title = data.meta.title || data.url;
    const link = el('a', { href: resultHref(data.url, highlight) }, title);
    const facts = [data.meta.place, data.meta.year ? `${data.meta.year}年` : ''].filter(Boolean).join(' · ');
    const excerptText = cleanExcerpt(data.plain_excerpt ?? '');
    const excerpt = el('p', { className: 'result-excerpt' });
    for (const part of highlightParts(excerptText, excerptNeedles(excerptText, highlight))) {
      excerpt.append(part.mark ? el('mark', {}, part.text) : document.createTextNode(part.text));
    }
    return el('li', { className: 'result' }, el('h3', { className: 'result-title' }, link), facts ? el('p', { className: 'result-meta muted small' }, facts) : '', excerpt);
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    state = withQuery(state, input.value);
    void search('push');
  });
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      if (input.value.trim() === state.q) return;
      state = withQuery(state, input.value);
      void search('replace');
    }, TYPING_DELAY);
  });
  sortSelect.addEventListener('change', () => {
    state = { ...state, sort: sortSelect.value as SortOrder };
    void search('push');
  });
  more.addEventListener('click', () => void renderMore(generation));
  addEventListener('popstate', () => {
    state = parseState(location.search);
    void search('none');
  });
  await search('replace');
}
