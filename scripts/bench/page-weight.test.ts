import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { classifyPage, displayWidth, findHtmlReferences, findStaticImports, formatTable, measurePageWeights, weighPage, type PageWeight } from './page-weight.ts';

test.each([
  ['/', 'home', true],
  ['/documents/', 'documents-index', true],
  ['/documents/page/2/', 'documents-index', false],
  ['/documents/cn-2021-keji-gongzuo-yaodian/', 'document', true],
  ['/documents/cn-2021-keji-gongzuo-yaodian/source/', 'document-source', true],
  ['/themes/', 'themes-index', true],
  ['/themes/finance/', 'theme', true],
  ['/themes/finance/3/', 'theme', false],
  ['/regions/', 'regions-index', true],
  ['/regions/qingdao/', 'region', true],
  ['/years/', 'years-index', true],
  ['/years/2020/', 'year', true],
  ['/targets/', 'targets-index', true],
  ['/targets/order/place/', 'targets-index', true],
  ['/targets/order/place/2/', 'targets-index', false],
  ['/targets/rd-intensity/', 'indicator', true],
  ['/glossary/', 'glossary-index', true],
  ['/glossary/专利/', 'glossary-entry', true],
  ['/agencies/', 'agencies-index', true],
  ['/agencies/keji-ju/', 'agency', true],
  ['/data/', 'data', true],
  ['/search/', 'search', true],
  ['/about/', 'about', true],
  ['/404.html', '404', true],
  ['/misc/thing/', 'other', true],
  ['/google1234.html', 'other', true],
])('classifyPage(%s) is %s (first page: %s)', (path, kind, firstPage) => {
  expect(classifyPage(path)).toEqual({ kind, firstPage });
});

test.each([
  ['import{a as b}from"./chunk.js";', ['./chunk.js']],
  ["import x from './x.js'", ['./x.js']],
  ['import"./side.js";import `./tick.js`', ['./side.js', './tick.js']],
  ['export*from"./deep.js";export{a}from"/abs.js"', ['./deep.js', '/abs.js']],
  ['const p=import("./lazy.js");const q=import(`/pagefind/pagefind.js`)', []],
  ['console.log(import.meta.url)', []],
  ['', []],
])('findStaticImports(%j)', (code, expected) => {
  expect(findStaticImports(code)).toEqual(expected);
});

describe('findHtmlReferences', () => {
  it('skips comments, tags inside inline scripts and styles, nomodule and non-JavaScript scripts, and links that load nothing', () => {
    const html = [
      '<!-- <link rel="stylesheet" href="/commented.css"> -->',
      '<script>document.write(\'<script src="/written.js"></scr\' + \'ipt><img src="/written.png">\')</script>',
      '<style>.x::after{content:"<img src=/styled.png>"}</style>',
      '<script type="application/ld+json">{"image":"<img src=/ld.png>"}</script>',
      '<script nomodule src="/legacy.js"></script>',
      '<script type="application/json" src="/data.json"></script>',
      '<LINK REL="Stylesheet" HREF="/a.css?v=1&amp;x=2">',
      '<link rel="alternate" href="/feed.xml"><link rel="canonical" href="https://example.org/">',
      "<link rel='shortcut icon' href=/icon.png>",
      '<img alt="" src="/图片/标志.svg">',
    ].join('');
    expect(findHtmlReferences(html)).toEqual([
      { url: '/a.css?v=1&x=2', category: 'css', module: false },
      { url: '/icon.png', category: 'other', module: false },
      { url: '/图片/标志.svg', category: 'other', module: false },
    ]);
  });
});

describe('measurePageWeights on a small fake site', () => {
  let dist: string;
  /** Bytes of every file written, by URL path. */
  const files = new Map<string, string>();
  const write = (urlPath: string, content: string): void => {
    const file = join(dist, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    files.set(urlPath, content);
  };
  const bytes = (...paths: string[]): number => paths.reduce((sum, p) => sum + Buffer.byteLength(files.get(p)!), 0);
  const gzip = (...paths: string[]): number => paths.reduce((sum, p) => sum + gzipSync(Buffer.from(files.get(p)!), { level: 6 }).length, 0);

  const head = '<link rel="stylesheet" href="/_astro/base.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml">';
  const page = (body: string, extraHead = ''): string => `<!DOCTYPE html><html lang="zh-CN"><head>${head}${extraHead}</head><body>${body}</body></html>`;
  let weights: PageWeight[];

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'page-weight-'));
    write('/_astro/base.css', 'body{margin:0}');
    write('/_astro/print.css', '@media print{nav{display:none}}');
    write('/favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    write('/图片/标志.svg', '<svg xmlns="http://www.w3.org/2000/svg"><title>标志</title></svg>');
    // main → chunk → deep (static, nested), main → side (bare import), main ⇢ pagefind (dynamic: not counted).
    write('/_astro/main.js', 'import{a as b}from"./chunk.js";import"./side.js";import"vue";const p=()=>import(`/pagefind/pagefind.js`);b(p);');
    write('/_astro/chunk.js', 'export*from"./deep.js";export function a(f){return f}');
    write('/_astro/deep.js', 'export const d=1;import"./chunk.js";');
    write('/_astro/side.js', 'window.side=1;');
    write('/pagefind/pagefind.js', 'export async function search(){}'.repeat(50));
    write('/pagefind/pagefind-ui.css', '.pagefind-ui{display:block}');

    write('/', page('<h1>首页</h1><script type="module" src="/_astro/main.js"></script><script>console.log(1)</script>'));
    write('/documents/', page('<ol><li>a</li></ol>'));
    write('/documents/page/2/', page(`<ol>${'<li>b</li>'.repeat(100)}</ol>`));
    // Three documents: b is the median by size; it loads the print stylesheet and the same module twice.
    write('/documents/a/', page('<p>短</p>'));
    write(
      '/documents/b/',
      page('<p>中等长度的正文</p><img src="/%E5%9B%BE%E7%89%87/%E6%A0%87%E5%BF%97.svg"><img src="/图片/标志.svg"><script type="module" src="/_astro/chunk.js"></script>', '<link rel="stylesheet" href="/_astro/print.css" media="print"><link rel="modulepreload" href="/_astro/chunk.js">'),
    );
    write('/documents/c/', page(`<p>${'很长的正文。'.repeat(200)}</p>`));
    // A theme whose page 2 is the median size: the representative is still page 1.
    write('/themes/finance/', page('<p>1</p>'));
    write('/themes/finance/2/', page(`<p>${'2'.repeat(500)}</p>`));
    write('/themes/finance/3/', page(`<p>${'3'.repeat(1000)}</p>`));
    // The search page references Pagefind's stylesheet statically: that one counts.
    write('/search/', page('<div id="search-app"></div><script src="https://cdn.example.com/analytics.js"></script>', '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">'));
    write('/misc/thing/', page('<p>?</p>'));
    write('/404.html', page('<p>找不到</p>'));
    weights = measurePageWeights(dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const find = (kind: string): PageWeight => {
    const weight = weights.find((w) => w.kind === kind);
    if (!weight) throw new Error(`no ${kind} in ${weights.map((w) => w.kind).join(', ')}`);
    return weight;
  };

  it('lists one row per kind present, in the order of the routes', () => {
    expect(weights.map((w) => [w.kind, w.pages, w.path])).toEqual([
      ['home', 1, '/'],
      ['documents-index', 2, '/documents/'],
      ['document', 3, '/documents/b/'],
      ['theme', 3, '/themes/finance/'],
      ['search', 1, '/search/'],
      ['404', 1, '/404.html'],
      ['other', 1, '/misc/thing/'],
    ]);
  });

  it('follows static imports recursively, each file once, and never a dynamic import or a bare specifier', () => {
    expect(find('home')).toEqual({
      kind: 'home',
      path: '/',
      pages: 1,
      html: bytes('/'),
      css: bytes('/_astro/base.css'),
      js: bytes('/_astro/main.js', '/_astro/chunk.js', '/_astro/deep.js', '/_astro/side.js'),
      other: bytes('/favicon.svg'),
      bytes: bytes('/', '/_astro/base.css', '/_astro/main.js', '/_astro/chunk.js', '/_astro/deep.js', '/_astro/side.js', '/favicon.svg'),
      gzip: gzip('/', '/_astro/base.css', '/_astro/main.js', '/_astro/chunk.js', '/_astro/deep.js', '/_astro/side.js', '/favicon.svg'),
      requests: 7,
    });
  });

  it('counts a print stylesheet, a module preload and an image once however often and however spelled', () => {
    const all = ['/documents/b/', '/_astro/base.css', '/_astro/print.css', '/_astro/chunk.js', '/_astro/deep.js', '/favicon.svg', '/图片/标志.svg'];
    expect(find('document')).toMatchObject({
      html: bytes('/documents/b/'),
      css: bytes('/_astro/base.css', '/_astro/print.css'),
      js: bytes('/_astro/chunk.js', '/_astro/deep.js'),
      other: bytes('/favicon.svg', '/图片/标志.svg'),
      bytes: bytes(...all),
      gzip: gzip(...all),
      requests: all.length,
    });
  });

  it('counts Pagefind files a page loads statically, and no other site', () => {
    expect(find('search')).toMatchObject({
      css: bytes('/_astro/base.css', '/pagefind/pagefind-ui.css'),
      js: 0,
      requests: 4,
    });
  });

  it('weighs a page without scripts as HTML, stylesheet and icon', () => {
    expect(find('404')).toMatchObject({ html: bytes('/404.html'), js: 0, requests: 3 });
  });

  it('names the missing file and the page that wanted it', () => {
    write('/broken/', page('<script type="module" src="/_astro/gone.js"></script>'));
    expect(() => weighPage(dist, '/broken/')).toThrow(/Unexpected missing file \/_astro\/gone\.js, referenced by \/broken\/ on page \/broken\//);
  });
});

describe('formatTable', () => {
  it('right-aligns numbers with thousands separators and counts Chinese two columns wide', () => {
    expect(formatTable(['query', 'bytes'], [['人才引进', 1234], ['abc', 5]])).toBe(['query     bytes', '人才引进  1,234', 'abc           5'].join('\n'));
  });

  test.each([
    ['', 0],
    ['abc', 3],
    ['人才引进', 8],
    ['ＡＢ，', 6],
    ['𠀀x', 3],
  ])('displayWidth(%j) is %i', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
