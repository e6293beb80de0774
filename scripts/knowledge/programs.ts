/**
 * Named programs and initiatives (星火计划, 千人计划, 科技特派员 …): finds the
 * entries of `content/glossary/*.md` by name, alias or pattern (longest match
 * wins, so `青年千人计划` is one mention of 千人计划, not two), and, optionally,
 * place-specific initiatives outside the glossary that the text marks by
 * quotation: `“331”工程`, `“千帆计划”`, `“创业中国”…示范工程` → `local-…`.
 * Title, headings and paragraphs all count; paragraph ids record where.
 */
import { pinyin } from 'pinyin-pro';
import type { DocumentRecord, ProgramMention, Section } from '../../src/lib/schema.ts';
import type { GlossaryEntry } from '../../src/lib/vocabulary.ts';
import { shortHash } from '../pipeline/structure.ts';

export interface ProgramOptions {
  /** Also report quoted local initiatives outside the glossary as `local-…` mentions (default true). */
  local: boolean;
  /** Most characters between a quoted name and its program word (`“创业中国”某市示范工程`: 4; default 10). */
  maxLocalGap: number;
}

const defaultOptions: ProgramOptions = { local: true, maxLocalGap: 10 };

type ProgramDoc = Pick<DocumentRecord, 'title' | 'sections' | 'paragraphs'>;

interface CompiledEntry {
  slug: string;
  name: string;
  /** The entry's regular-expression patterns (names and aliases are in the term index). */
  patterns: RegExp | null;
  exclude: readonly string[];
}

interface Term {
  text: string;
  entry: CompiledEntry;
  /** A numbered name (`863计划`) must not start inside a longer number (`1863`). */
  numbered: boolean;
}

interface CompiledGlossary {
  entries: CompiledEntry[];
  /** Names and aliases by their first two UTF-16 code units, longest first: one pass over a text finds them all. */
  terms: Map<number, Map<number, Term[]>>;
}

const compiledCache = new WeakMap<readonly GlossaryEntry[], CompiledGlossary>();

/** Indexes a glossary once (cached by the array). */
function compileGlossary(glossary: readonly GlossaryEntry[]): CompiledGlossary {
  const cached = compiledCache.get(glossary);
  if (cached) return cached;
  const terms = new Map<number, Map<number, Term[]>>();
  const entries = glossary.map((g) => {
    const entry: CompiledEntry = {
      slug: g.slug,
      name: g.name,
      patterns: g.patterns.length > 0 ? new RegExp(g.patterns.map((p) => `(?:${p.pattern})`).join('|'), 'gu') : null,
      exclude: g.exclude,
    };
    for (const text of new Set([g.name, ...g.aliases])) {
      if (text.length < 2) continue;
      const byFirst = terms.get(text.charCodeAt(0)) ?? new Map<number, Term[]>();
      terms.set(text.charCodeAt(0), byFirst);
      const list = byFirst.get(text.charCodeAt(1)) ?? [];
      byFirst.set(text.charCodeAt(1), list);
      list.push({ text, entry, numbered: /^[0-9]/u.test(text) });
    }
    return entry;
  });
  for (const byFirst of terms.values()) for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  const compiled = { entries, terms };
  compiledCache.set(glossary, compiled);
  return compiled;
}

/** A matched span of one text. */
interface Hit {
  start: number;
  end: number;
  slug: string;
  name: string;
  text: string;
}

/** A quoted span (`“331”`, `“千帆计划”`). */
const QUOTED_RE = /[“"「『]([^“”"「」『』\n]{1,30})[”"」』]/gu;
const PROGRAM_WORDS = ['行动计划', '工程', '计划', '行动'];
const ENDS_IN_PROGRAM_WORD_RE = /(?:行动计划|工程|计划|行动)$/u;
/** Quoted text that lists slogans (`“走出去、请进来”`) is not a name. */
const LISTING_RE = /[、，,；;。]/u;
/** Characters allowed between a quoted name and its program word: no 等/和/与/及 (`“某市制造2025”等重大工程` is an example, not a name). */
const GAP_CHAR_RE = /^(?![等和与及或的])[\u4e00-\u9fff0-9]$/u;

interface LocalHit {
  start: number;
  end: number;
  name: string;
}

/**
 * Quoted local initiatives: `“X”…工程|计划|行动` (a quoted name of at most 20
 * characters, at most `gap` more characters, a program word) or `“…计划”` (a
 * quoted full name). `“331”工程` keeps its quotes in the name; a wholly quoted
 * name (`“千帆计划”`) is the name itself.
 */
function findLocalInitiatives(text: string, gap: number): LocalHit[] {
  const found: LocalHit[] = [];
  if (!/[“"「『]/u.test(text)) return found;
  for (const m of text.matchAll(QUOTED_RE)) {
    const quoted = m[1] ?? '';
    if (LISTING_RE.test(quoted)) continue;
    const after = m.index + m[0].length;
    let tail: string | null = null;
    for (let k = 0; k <= gap && quoted.length <= 20 && after + k < text.length; k++) {
      const word = PROGRAM_WORDS.find((w) => text.startsWith(w, after + k));
      if (word) {
        tail = text.slice(after, after + k) + word;
        break;
      }
      if (!GAP_CHAR_RE.test(text.charAt(after + k))) break;
    }
    if (tail !== null) found.push({ start: m.index, end: after + tail.length, name: `“${quoted}”${tail}` });
    else if (ENDS_IN_PROGRAM_WORD_RE.test(quoted)) found.push({ start: m.index, end: after, name: quoted });
  }
  return found;
}

/** `local-` and the pinyin of a local name, digits kept apart (`“331”工程` → `local-331-gongcheng`). */
export function slugifyLocalProgram(name: string): string {
  const tokens = [...name.matchAll(/[\u3400-\u9fff]+|[A-Za-z0-9]+/gu)].map((m) =>
    /^[A-Za-z0-9]+$/u.test(m[0]) ? m[0].toLowerCase() : pinyin(m[0], { toneType: 'none', type: 'array', v: true }).join('').toLowerCase(),
  );
  const slug = tokens.join('-').replace(/[^a-z0-9-]/gu, '');
  if (!slug) return `local-${shortHash(name, 6)}`;
  return slug.length > 48 ? `local-${slug.slice(0, 40).replace(/-+$/u, '')}-${shortHash(name, 6)}` : `local-${slug}`;
}

const localSlugs = new Map<string, string>();
/** `slugifyLocalProgram`, remembered: pinyin conversion is the slow part of a local hit. */
function localSlug(name: string): string {
  let slug = localSlugs.get(name);
  if (slug === undefined) {
    if (localSlugs.size >= 10_000) localSlugs.clear();
    slug = slugifyLocalProgram(name);
    localSlugs.set(name, slug);
  }
  return slug;
}

function isExcluded(text: string, start: number, end: number, exclude: readonly string[]): boolean {
  for (const phrase of exclude) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (at <= start && at + phrase.length >= end) return true;
    }
  }
  return false;
}

/** Glossary hits of one text, longest first where they overlap, then quoted local initiatives in the gaps. */
function findHits(text: string, compiled: CompiledGlossary, options: ProgramOptions): Hit[] {
  const hits: Hit[] = [];
  const add = (entry: CompiledEntry, start: number, matched: string) => {
    const end = start + matched.length;
    if (entry.exclude.length > 0 && isExcluded(text, start, end, entry.exclude)) return;
    hits.push({ start, end, slug: entry.slug, name: entry.name, text: matched });
  };
  for (let i = 0; i + 1 < text.length; i++) {
    const candidates = compiled.terms.get(text.charCodeAt(i))?.get(text.charCodeAt(i + 1));
    if (!candidates) continue;
    for (const term of candidates) {
      if (!text.startsWith(term.text, i) || (term.numbered && /[0-9]/u.test(text.charAt(i - 1)))) continue;
      add(term.entry, i, term.text);
    }
  }
  for (const entry of compiled.entries) {
    if (!entry.patterns) continue;
    for (const m of text.matchAll(entry.patterns)) if (m[0] !== '') add(entry, m.index, m[0]);
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.slug < b.slug ? -1 : 1));
  const accepted: Hit[] = [];
  const free = (start: number, end: number) => accepted.every((h) => end <= h.start || start >= h.end);
  for (const hit of hits) if (free(hit.start, hit.end)) accepted.push(hit);
  if (options.local) {
    for (const local of findLocalInitiatives(text, options.maxLocalGap)) {
      if (!free(local.start, local.end)) continue;
      accepted.push({ ...local, slug: localSlug(local.name), text: text.slice(local.start, local.end) });
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

function sectionTitles(sections: readonly Section[]): string[] {
  return sections.flatMap((s) => [s.title, ...sectionTitles(s.children)]);
}

/**
 * Programs a document names: glossary entries and (by default) quoted local
 * initiatives, with how often, in which spellings and paragraphs; most
 * mentioned first, then by slug.
 */
export function findPrograms(doc: ProgramDoc, glossary: readonly GlossaryEntry[], options: Partial<ProgramOptions> = {}): ProgramMention[] {
  const opts = { ...defaultOptions, ...options };
  const compiled = compileGlossary(glossary);
  const bySlug = new Map<string, ProgramMention>();
  const add = (hit: Hit, paragraphId: string | null) => {
    // Two local names may share a pinyin slug (同音): the second gets a hash.
    const taken = bySlug.get(hit.slug);
    const slug = taken && taken.name !== hit.name ? `${hit.slug}-${shortHash(hit.name, 4)}` : hit.slug;
    let mention = bySlug.get(slug);
    if (!mention) {
      mention = { slug, name: hit.name, variants: [], count: 0, paragraphIds: [] };
      bySlug.set(slug, mention);
    }
    mention.count++;
    if (!mention.variants.includes(hit.text)) mention.variants.push(hit.text);
    // Paragraphs come in order, so a repeat can only be the last one (no scan: a long plan names a program thousands of times).
    if (paragraphId && mention.paragraphIds.at(-1) !== paragraphId) mention.paragraphIds.push(paragraphId);
  };
  for (const text of [doc.title, ...sectionTitles(doc.sections)]) for (const hit of findHits(text, compiled, opts)) add(hit, null);
  for (const p of doc.paragraphs) for (const hit of findHits(p.text, compiled, opts)) add(hit, p.id);
  return [...bySlug.values()].sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
