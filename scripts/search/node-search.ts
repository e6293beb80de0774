/**
 * Runs a written Pagefind bundle's own browser search (`pagefind.js` and its
 * WebAssembly) inside Node, for tests and measurements: bundle files are
 * served to its `fetch` from disk. One bundle per call; not for the site.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The parts of the Pagefind browser API used here. */
interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindResponse>;
  destroy(): Promise<void>;
}

export interface PagefindResponse {
  results: { id: string; score: number; data(): Promise<PagefindResultData> }[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  plain_excerpt?: string;
  content: string;
  meta: Record<string, string>;
}

export interface NodeSearch {
  /** Result URLs, best first, with the raw response. */
  search(term: string | null, options?: Record<string, unknown>): Promise<{ urls: string[]; response: PagefindResponse }>;
  close(): Promise<void>;
}

let loads = 0;

/** Opens a bundle folder (the one holding `pagefind.js`). */
export async function openBundle(bundleDir: string): Promise<NodeSearch> {
  const root = resolve(bundleDir);
  const realFetch = globalThis.fetch;
  const rootUrl = pathToFileURL(root + '/').href;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(rootUrl)) return realFetch(input, init);
    try {
      return new Response(await readFile(fileURLToPath(url.split('?')[0]!)));
    } catch {
      return new Response('', { status: 404 });
    }
  };
  // A fresh module instance per bundle: pagefind.js keeps its index in module state.
  const module = (await import(`${pathToFileURL(join(root, 'pagefind.js')).href}?load=${++loads}`)) as PagefindModule;
  await module.options({ baseUrl: '/', excerptLength: 30 });
  await module.init();
  return {
    async search(term, options = {}) {
      const response = await module.search(term, options);
      const urls = await Promise.all(response.results.map(async (r) => (await r.data()).url));
      return { urls, response };
    },
    async close() {
      await module.destroy();
      globalThis.fetch = realFetch;
    },
  };
}
