/**
 * Theme tagging: every paragraph, section and document gets the themes of
 * `content/themes/*.md` with a score and the exact terms that produced it.
 *
 * A paragraph's score for a theme is the weighted sum of the theme's terms
 * and patterns found in its text (repeats count with diminishing returns),
 * plus a share of what its enclosing headings say: a paragraph under
 * `(二)实施人才引进培养工程` is about talent even when it only lists names.
 * Inherited terms are recorded as `§term`, so a reader sees why. Measured
 * against hand-labelled seed paragraphs in `tests/knowledge-themes.test.ts`.
 */
import type { DocumentRecord, Paragraph, Section, ThemeHit } from '../../src/lib/schema.ts';
import type { ThemeEntry } from '../../src/lib/vocabulary.ts';

export interface ThemeTagging {
  /** Themes per paragraph id, strongest first. */
  byParagraph: Map<string, ThemeHit[]>;
  /** Themes per section id (heading plus its body), strongest first. */
  bySection: Map<string, ThemeHit[]>;
  /** Slugs of the document's main themes, strongest first. */
  themes: string[];
  themeProfile: DocumentRecord['themeProfile'];
}

export interface ThemeOptions {
  /** Score a paragraph (or a section's heading) needs to carry a theme. Default 1.5. */
  minScore: number;
  /**
   * A paragraph's theme must also reach this share of its strongest theme's
   * score: long paragraphs name many things in passing. Default 0.35.
   */
  relativeScore: number;
  /** Multiplier of a heading's own matches when scoring its section. Default 2. */
  headingWeight: number;
  /** Share of the nearest heading's score a paragraph inherits; halved for each level further out. Default 0.5. */
  inheritFactor: number;
  /** Each further occurrence of a term adds this share of its weight. Default 0.5. */
  repeatFactor: number;
  /** A term contributes at most this multiple of its weight, however often it occurs. Default 2. */
  maxRepeat: number;
  /** A section also carries a theme found in at least this share of its paragraphs. Default 0.25. */
  sectionShare: number;
  /** A main theme of a document is carried by at least this many paragraphs… Default 2. */
  documentMinParagraphs: number;
  /** …and by at least this share of the paragraphs that carry any theme. Default 0.1. */
  documentMinShare: number;
  /**
   * Or: it holds at least this share of the document's summed theme scores, so a short
   * plan whose one task item on 科普 is a tenth of the text still has 科普 as a theme. Default 0.07.
   */
  documentMinScoreShare: number;
  /** At most this many terms are listed per section hit. Default 12. */
  maxSectionTerms: number;
}

export const defaultThemeOptions: ThemeOptions = {
  minScore: 1.5,
  relativeScore: 0.35,
  headingWeight: 2,
  inheritFactor: 0.5,
  repeatFactor: 0.5,
  maxRepeat: 2,
  sectionShare: 0.25,
  documentMinParagraphs: 2,
  documentMinShare: 0.1,
  documentMinScoreShare: 0.07,
  maxSectionTerms: 12,
};

/** A matched term (as it stands in the text) and what it contributes. */
export interface TermScore {
  term: string;
  score: number;
}

/** The evidence for one theme in one text: its score and the terms behind it, strongest first. */
export interface ThemeEvidence {
  score: number;
  terms: TermScore[];
}

interface CompiledTheme {
  slug: string;
  /** Position after sorting by `order`; breaks ties between equal scores. */
  rank: number;
  patterns: { re: RegExp; weight: number }[];
}

/** A phrase of the vocabulary (lower-cased) and what it means for which theme. */
interface Phrase {
  text: string;
  uses: { rank: number; weight: number; exclude: boolean }[];
}

export interface CompiledThemes {
  themes: CompiledTheme[];
  /**
   * Phrases by the codes of their first and second characters (one-character
   * phrases under `single`), longest first: one pass over a text finds every
   * term and exclude phrase of every theme.
   */
  byStart: Map<number, { single: Phrase[]; bySecond: Map<number, Phrase[]> }>;
}

const compiledCache = new WeakMap<readonly ThemeEntry[], CompiledThemes>();

/** Compiles a vocabulary once; later calls with the same array reuse it. */
export function compileThemes(themes: readonly ThemeEntry[]): CompiledThemes {
  const cached = compiledCache.get(themes);
  if (cached) return cached;
  const sorted = [...themes].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1));
  const phrases = new Map<string, Phrase>();
  const addPhrase = (text: string, rank: number, weight: number, exclude: boolean): void => {
    const key = text.toLowerCase();
    if (key.length === 0) return;
    const phrase = phrases.get(key) ?? { text: key, uses: [] };
    const same = phrase.uses.find((u) => u.rank === rank && u.exclude === exclude);
    if (same) same.weight = Math.max(same.weight, weight);
    else phrase.uses.push({ rank, weight, exclude });
    phrases.set(key, phrase);
  };
  const compiled = sorted.map((theme, rank): CompiledTheme => {
    for (const { term, weight } of theme.terms) addPhrase(term, rank, weight, false);
    for (const phrase of theme.exclude) addPhrase(phrase, rank, 0, true);
    return { slug: theme.slug, rank, patterns: theme.patterns.map((p) => ({ re: new RegExp(p.pattern, 'gu'), weight: p.weight })) };
  });
  const byStart: CompiledThemes['byStart'] = new Map();
  for (const phrase of [...phrases.values()].sort((a, b) => b.text.length - a.text.length)) {
    const first = phrase.text.charCodeAt(0);
    const slot = byStart.get(first) ?? { single: [], bySecond: new Map<number, Phrase[]>() };
    if (phrase.text.length === 1) slot.single.push(phrase);
    else {
      const second = phrase.text.charCodeAt(1);
      slot.bySecond.set(second, [...(slot.bySecond.get(second) ?? []), phrase]);
    }
    byStart.set(first, slot);
  }
  const result = { themes: compiled, byStart };
  compiledCache.set(themes, result);
  return result;
}

interface ThemeMatches {
  terms: { start: number; end: number; weight: number }[];
  excluded: [number, number][];
  /** Where the last kept term ends: a theme's terms never overlap. */
  nextFree: number;
}

const insideAny = (start: number, end: number, spans: readonly [number, number][]): boolean => spans.some(([s, e]) => start >= s && end <= e);

/**
 * Scores one text against every theme. Each theme keeps the longest of its
 * terms at a position and goes on after it (`知识产权质押` does not also count
 * as `知识产权` for the same theme), and drops matches lying inside one of its
 * `exclude` phrases; patterns add their own weight. Themes without evidence
 * are left out.
 */
export function scoreText(text: string, themes: readonly ThemeEntry[], options: Partial<ThemeOptions> = {}): Map<string, ThemeEvidence> {
  return scoreCompiled(text, compileThemes(themes), { ...defaultThemeOptions, ...options });
}

function scoreCompiled(text: string, vocabulary: CompiledThemes, options: ThemeOptions): Map<string, ThemeEvidence> {
  const out = new Map<string, ThemeEvidence>();
  if (text.length === 0) return out;
  // Lower-casing keeps offsets unless a rare character changes length; then match case-sensitively.
  const lowered = text.toLowerCase();
  const haystack = lowered.length === text.length ? lowered : text;
  const matches = new Array<ThemeMatches | undefined>(vocabulary.themes.length).fill(undefined);
  const tryPhrases = (phrases: readonly Phrase[] | undefined, i: number): void => {
    if (phrases === undefined) return;
    for (const phrase of phrases) {
      if (!haystack.startsWith(phrase.text, i)) continue;
      const end = i + phrase.text.length;
      for (const use of phrase.uses) {
        let m = matches[use.rank];
        if (m === undefined) {
          m = { terms: [], excluded: [], nextFree: 0 };
          matches[use.rank] = m;
        }
        if (use.exclude) m.excluded.push([i, end]);
        else if (i >= m.nextFree) {
          // Phrases come longest first, so the first term kept at a position is its longest.
          m.terms.push({ start: i, end, weight: use.weight });
          m.nextFree = end;
        }
      }
    }
  };
  for (let i = 0; i < haystack.length; i++) {
    const slot = vocabulary.byStart.get(haystack.charCodeAt(i));
    if (slot === undefined) continue;
    // Phrases of two characters or more first, then one-character ones: longest first at every position.
    if (i + 1 < haystack.length) tryPhrases(slot.bySecond.get(haystack.charCodeAt(i + 1)), i);
    tryPhrases(slot.single, i);
  }
  for (const theme of vocabulary.themes) {
    const m = matches[theme.rank];
    if (m === undefined && theme.patterns.length === 0) continue;
    const excluded = m?.excluded ?? [];
    // Evidence key (a lower-cased term, or a pattern's index) → weight, occurrences, first surface form.
    const found = new Map<string, { weight: number; count: number; surface: string }>();
    const add = (key: string, weight: number, surface: string): void => {
      const seen = found.get(key);
      if (seen) seen.count += 1;
      else found.set(key, { weight, count: 1, surface });
    };
    for (const t of m?.terms ?? []) {
      if (!insideAny(t.start, t.end, excluded)) add(haystack.slice(t.start, t.end), t.weight, text.slice(t.start, t.end));
    }
    theme.patterns.forEach(({ re, weight }, index) => {
      re.lastIndex = 0;
      for (let p = re.exec(text); p !== null; p = re.exec(text)) {
        if (p[0].length === 0) re.lastIndex += 1;
        else if (!insideAny(p.index, p.index + p[0].length, excluded)) add(`\u0000${index}`, weight, p[0]);
      }
    });
    if (found.size === 0) continue;
    const terms = [...found.values()]
      .map(({ weight, count, surface }) => ({ term: surface, score: weight * Math.min(1 + options.repeatFactor * (count - 1), options.maxRepeat) }))
      .sort((a, b) => b.score - a.score);
    out.set(theme.slug, { score: terms.reduce((sum, t) => sum + t.score, 0), terms });
  }
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Adds term scores into a map (equal terms summed). */
function addTerms(into: Map<string, number>, terms: readonly TermScore[], factor = 1): void {
  for (const { term, score } of terms) into.set(term, (into.get(term) ?? 0) + score * factor);
}

/** Terms of a map, strongest first (ties keep insertion order). */
const strongestFirst = (terms: ReadonlyMap<string, number>): string[] => [...terms].sort((a, b) => b[1] - a[1]).map(([term]) => term);

function indexSections(sections: readonly Section[], into = new Map<string, Section>()): Map<string, Section> {
  for (const s of sections) {
    into.set(s.id, s);
    indexSections(s.children, into);
  }
  return into;
}

interface Inherited {
  score: number;
  /** Heading terms with their scaled scores. */
  terms: Map<string, number>;
}

interface SectionTally {
  paragraphs: number;
  /** Per theme: the summed own-text score of its paragraphs, their terms, and how many carry the theme. */
  own: Map<string, { score: number; terms: Map<string, number>; carriers: number }>;
}

/**
 * Tags a document's paragraphs, sections and the document itself.
 * Paragraphs from the first `attachment` line on belong to appendices: they
 * are tagged on their own text only (the heading above them is not theirs)
 * and are left out of section totals, but count for the document.
 */
export function tagThemes(
  doc: Pick<DocumentRecord, 'title' | 'sections' | 'paragraphs'>,
  themes: readonly ThemeEntry[],
  options: Partial<ThemeOptions> = {},
): ThemeTagging {
  const opts: ThemeOptions = { ...defaultThemeOptions, ...options };
  const vocabulary = compileThemes(themes);
  const rank = new Map(vocabulary.themes.map((t) => [t.slug, t.rank]));
  const byStrength = (a: { theme: string; score: number }, b: { theme: string; score: number }): number =>
    b.score - a.score || (rank.get(a.theme) ?? 0) - (rank.get(b.theme) ?? 0);
  const sections = indexSections(doc.sections);

  const headingCache = new Map<string, Map<string, ThemeEvidence>>();
  const headingEvidence = (id: string): Map<string, ThemeEvidence> => {
    let evidence = headingCache.get(id);
    if (evidence === undefined) {
      evidence = scoreCompiled(sections.get(id)?.title ?? '', vocabulary, opts);
      headingCache.set(id, evidence);
    }
    return evidence;
  };
  // What the headings of one section path pass down, nearest heading weighing most.
  const inheritedCache = new Map<string, Map<string, Inherited>>();
  const inheritedFrom = (path: readonly string[]): Map<string, Inherited> => {
    const key = path.join('/');
    let inherited = inheritedCache.get(key);
    if (inherited === undefined) {
      inherited = new Map();
      for (let distance = 0; distance < path.length; distance++) {
        const factor = opts.inheritFactor / 2 ** distance;
        for (const [slug, e] of headingEvidence(path[path.length - 1 - distance] ?? '')) {
          const entry = inherited.get(slug) ?? { score: 0, terms: new Map<string, number>() };
          entry.score += e.score * factor;
          addTerms(entry.terms, e.terms, factor);
          inherited.set(slug, entry);
        }
      }
      inheritedCache.set(key, inherited);
    }
    return inherited;
  };

  const firstAppendix = doc.paragraphs.findIndex((p) => p.kind === 'attachment');
  const isAppendix = (index: number): boolean => firstAppendix >= 0 && index >= firstAppendix;

  const byParagraph = new Map<string, ThemeHit[]>();
  const tallies = new Map<string, SectionTally>();
  doc.paragraphs.forEach((p: Paragraph, index) => {
    const own = scoreCompiled(p.text, vocabulary, opts);
    const inherited = isAppendix(index) ? new Map<string, Inherited>() : inheritedFrom(p.sectionPath);
    const candidates: ThemeHit[] = [];
    for (const slug of new Set([...own.keys(), ...inherited.keys()])) {
      const mine = own.get(slug);
      const fromHeadings = inherited.get(slug);
      const score = (mine?.score ?? 0) + (fromHeadings?.score ?? 0);
      if (score < opts.minScore) continue;
      const headingTerms = fromHeadings ? strongestFirst(fromHeadings.terms).map((t) => `§${t}`) : [];
      candidates.push({ theme: slug, score: round2(score), terms: [...new Set([...(mine?.terms.map((t) => t.term) ?? []), ...headingTerms])] });
    }
    const top = Math.max(0, ...candidates.map((h) => h.score));
    const hits = candidates.filter((h) => h.score >= opts.relativeScore * top).sort(byStrength);
    byParagraph.set(p.id, hits);

    if (isAppendix(index)) return;
    for (const id of p.sectionPath) {
      const tally = tallies.get(id) ?? { paragraphs: 0, own: new Map() };
      tally.paragraphs += 1;
      for (const [slug, e] of own) {
        const entry = tally.own.get(slug) ?? { score: 0, terms: new Map<string, number>(), carriers: 0 };
        entry.score += e.score;
        addTerms(entry.terms, e.terms);
        tally.own.set(slug, entry);
      }
      for (const hit of hits) {
        const entry = tally.own.get(hit.theme) ?? { score: 0, terms: new Map<string, number>(), carriers: 0 };
        entry.carriers += 1;
        tally.own.set(hit.theme, entry);
      }
      tallies.set(id, tally);
    }
  });

  const bySection = new Map<string, ThemeHit[]>();
  for (const id of sections.keys()) {
    const heading = headingEvidence(id);
    const tally = tallies.get(id) ?? { paragraphs: 0, own: new Map() };
    const hits: ThemeHit[] = [];
    for (const slug of new Set([...heading.keys(), ...tally.own.keys()])) {
      const fromHeading = heading.get(slug);
      const body = tally.own.get(slug);
      const headingScore = (fromHeading?.score ?? 0) * opts.headingWeight;
      const carried = body !== undefined && body.carriers > 0 && body.carriers / tally.paragraphs >= opts.sectionShare;
      if (headingScore < opts.minScore && !carried) continue;
      const terms = new Map<string, number>();
      addTerms(terms, fromHeading?.terms ?? [], opts.headingWeight);
      for (const [term, score] of body?.terms ?? []) terms.set(term, (terms.get(term) ?? 0) + score);
      hits.push({ theme: slug, score: round2(headingScore + (body?.score ?? 0)), terms: strongestFirst(terms).slice(0, opts.maxSectionTerms) });
    }
    bySection.set(id, hits.sort(byStrength));
  }

  const profile = new Map<string, { score: number; paragraphs: number }>();
  let tagged = 0;
  for (const hits of byParagraph.values()) {
    if (hits.length > 0) tagged += 1;
    for (const hit of hits) {
      const entry = profile.get(hit.theme) ?? { score: 0, paragraphs: 0 };
      entry.score += hit.score;
      entry.paragraphs += 1;
      profile.set(hit.theme, entry);
    }
  }
  const themeProfile = [...profile].map(([theme, { score, paragraphs }]) => ({ theme, score: round2(score), paragraphs })).sort(byStrength);
  const total = themeProfile.reduce((sum, t) => sum + t.score, 0);
  const main = themeProfile
    .filter((t) => (t.paragraphs >= opts.documentMinParagraphs && t.paragraphs >= opts.documentMinShare * tagged) || t.score >= opts.documentMinScoreShare * total)
    .map((t) => t.theme);
  // A document too short for the paragraph count still has a main theme: its strongest.
  const strongest = themeProfile[0];
  return { byParagraph, bySection, themes: main.length === 0 && strongest ? [strongest.theme] : main, themeProfile };
}
