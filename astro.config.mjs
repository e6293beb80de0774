// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

export default defineConfig({
  // Placeholder domain until the atlas has a real home; only used for canonical URLs.
  site: 'https://policy-atlas.example.org',
  output: 'static',
  // The browser tests build from another documents folder; a separate cache keeps Astro's content
  // store from mixing up two sets of files with identical ids and digests (it keeps stale paths).
  ...(process.env.ATLAS_CACHE_DIR ? { cacheDir: process.env.ATLAS_CACHE_DIR } : {}),
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    // Policy text must render exactly as written: no smart quotes or dashes (`--` → `–`, `"` → `“`),
    // no GFM autolinks or ~~strikethrough~~, which the MDX serializer does not escape.
    mdx({ gfm: false, smartypants: false }),
    // sitemap-index.xml + sitemap-0.xml of every page (data files and the feed are not pages).
    sitemap(),
  ],
});
