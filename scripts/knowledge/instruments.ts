/**
 * Policy-instrument tagging (Rothwell & Zegveld 1985, as used in Chinese
 * policy-text research): every paragraph gets the tools of
 * `content/instruments/*.md` it uses — 供给型 supply, 环境型 environment,
 * 需求型 demand — with a score and the exact terms that produced it.
 *
 * It works like a dictionary tagger. All terms of all tools are scanned in
 * one pass, and at each position the longest term wins (`公共服务平台` is a
 * public service, not a platform; `目标考核` is assessment, not a target).
 * A tool's exclusions (`财政局` for funding) void its terms inside them.
 * A tool's score is the sum of its term and pattern weights, repeats
 * counting less each time, plus a share of what the enclosing headings say:
 * a list item under `(三)强化金融支持` leans towards finance even
 * when it only names banks once. Inherited terms are recorded as `§term`.
 */
import { INSTRUMENT_TYPES, type DocumentRecord, type InstrumentHit, type InstrumentType, type Paragraph, type Section } from '../../src/lib/schema.ts';
import type { InstrumentEntry } from '../../src/lib/vocabulary.ts';

export interface InstrumentTagging {
  /** Instruments per paragraph id, strongest first. */
  byParagraph: Map<string, InstrumentHit[]>;
  /** Document profile: how many paragraphs use each tool. */
  instruments: DocumentRecord['instruments'];
}

export interface InstrumentOptions {
  /** Score a paragraph needs to carry a tool (tuned on `tests/fixtures/labels/instruments.yaml`). Default 1.5. */
  minScore: number;
  /** Share of its nearest heading's term weights a paragraph inherits. Default 0.5. */
  headingFactor: number;
  /** Share inherited from each heading further out. Default 0.25. */
  ancestorFactor: number;
  /**
   * Most a paragraph inherits from its headings per tool. Below `minScore`,
   * headings tip the balance but never tag a paragraph on their own. Default 1.
   */
  headingCap: number;
  /** Each further occurrence of a term adds this share of the previous one. Default 0.5. */
  repeatFactor: number;
  /** Paragraph kinds left untagged: an attachment line only names an annex. Default `['attachment']`. */
  skipKinds: readonly Paragraph['kind'][];
}

export const defaultInstrumentOptions: InstrumentOptions = {
  minScore: 1.5,
  headingFactor: 0.5,
  ancestorFactor: 0.25,
  headingCap: 1,
  repeatFactor: 0.5,
  skipKinds: ['attachment'],
};

/** One occurrence of a term or pattern in a text, for the tool at index `tool` of the vocabulary. */
export interface InstrumentMatch {
  tool: number;
  /** The words as they stand in the text. */
  term: string;
  weight: number;
}

interface CompiledTerm {
  text: string;
  /** Tools that list this term, with their weights (two tools may share a term). */
  hits: { tool: number; weight: number }[];
}

interface CompiledInstruments {
  entries: readonly InstrumentEntry[];
  /** Terms by their first character, longest first, so each position yields its longest term. */
  terms: Map<string, CompiledTerm[]>;
  /** Exclusion phrases by their first character, with the tools they void. */
  exclusions: Map<string, { text: string; tools: number[] }[]>;
  patterns: { tool: number; re: RegExp; weight: number }[];
}

const compiledCache = new WeakMap<readonly InstrumentEntry[], CompiledInstruments>();

/** Compiles a vocabulary once; later calls with the same array reuse it. */
function compile(entries: readonly InstrumentEntry[]): CompiledInstruments {
  const cached = compiledCache.get(entries);
  if (cached) return cached;
  const byText = new Map<string, CompiledTerm>();
  const exclusionTools = new Map<string, number[]>();
  const patterns: CompiledInstruments['patterns'] = [];
  entries.forEach((entry, tool) => {
    for (const { term, weight } of entry.terms) {
      const compiled = byText.get(term) ?? { text: term, hits: [] };
      if (!compiled.hits.some((h) => h.tool === tool)) compiled.hits.push({ tool, weight });
      byText.set(term, compiled);
    }
    for (const phrase of entry.exclude) exclusionTools.set(phrase, [...(exclusionTools.get(phrase) ?? []), tool]);
    for (const { pattern, weight } of entry.patterns) patterns.push({ tool, re: new RegExp(pattern, 'gu'), weight });
  });
  const terms = groupByFirstChar([...byText.values()]);
  const exclusions = groupByFirstChar([...exclusionTools].map(([text, tools]) => ({ text, tools })));
  const result = { entries, terms, exclusions, patterns };
  compiledCache.set(entries, result);
  return result;
}

function groupByFirstChar<T extends { text: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1))) {
    const first = item.text[0];
    if (first === undefined) continue;
    map.set(first, [...(map.get(first) ?? []), item]);
  }
  return map;
}

/** Spans of `text` where each tool's exclusions apply, as [start, end) pairs per tool. */
function findExclusions(text: string, compiled: CompiledInstruments): Map<number, [number, number][]> {
  const spans = new Map<number, [number, number][]>();
  if (compiled.exclusions.size === 0) return spans;
  for (let i = 0; i < text.length; i++) {
    for (const { text: phrase, tools } of compiled.exclusions.get(text[i] ?? '') ?? []) {
      if (!text.startsWith(phrase, i)) continue;
      for (const tool of tools) spans.set(tool, [...(spans.get(tool) ?? []), [i, i + phrase.length]]);
    }
  }
  return spans;
}

function isExcluded(spans: Map<number, [number, number][]>, tool: number, start: number, end: number): boolean {
  return (spans.get(tool) ?? []).some(([s, e]) => start < e && end > s);
}

/** Every term and pattern occurrence in a text, tool by tool. */
export function matchInstruments(text: string, entries: readonly InstrumentEntry[]): InstrumentMatch[] {
  const compiled = compile(entries);
  const excluded = findExclusions(text, compiled);
  const matches: InstrumentMatch[] = [];
  let i = 0;
  while (i < text.length) {
    let advance = 1;
    for (const candidate of compiled.terms.get(text[i] ?? '') ?? []) {
      if (!text.startsWith(candidate.text, i)) continue;
      const end = i + candidate.text.length;
      const hits = candidate.hits.filter((h) => !isExcluded(excluded, h.tool, i, end));
      if (hits.length === 0) continue;
      for (const { tool, weight } of hits) matches.push({ tool, term: candidate.text, weight });
      advance = candidate.text.length;
      break;
    }
    i += advance;
  }
  for (const { tool, re, weight } of compiled.patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      if (m[0] === '' || isExcluded(excluded, tool, start, start + m[0].length)) continue;
      matches.push({ tool, term: m[0], weight });
    }
  }
  return matches;
}

/** Evidence per tool: score with diminishing repeats, and the distinct terms in order of first occurrence. */
interface Evidence {
  score: number;
  terms: string[];
}

function scoreMatches(matches: readonly InstrumentMatch[], factor: number, prefix: string, repeatFactor: number): Map<number, Evidence> {
  const byTool = new Map<number, Evidence>();
  const seen = new Map<string, number>();
  for (const { tool, term, weight } of matches) {
    const key = `${tool}\u0000${term}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    const evidence = byTool.get(tool) ?? { score: 0, terms: [] };
    evidence.score += weight * factor * repeatFactor ** count;
    if (count === 0) evidence.terms.push(prefix + term);
    byTool.set(tool, evidence);
  }
  return byTool;
}

function addEvidence(into: Map<number, Evidence>, from: Map<number, Evidence>): void {
  for (const [tool, { score, terms }] of from) {
    const evidence = into.get(tool) ?? { score: 0, terms: [] };
    evidence.score += score;
    for (const term of terms) if (!evidence.terms.includes(term)) evidence.terms.push(term);
    into.set(tool, evidence);
  }
}

function sectionTitles(sections: readonly Section[]): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (list: readonly Section[]): void => {
    for (const s of list) {
      titles.set(s.id, s.title);
      walk(s.children);
    }
  };
  walk(sections);
  return titles;
}

const typeRank = (type: InstrumentType): number => INSTRUMENT_TYPES.indexOf(type);

/** Tags every paragraph of a document with the policy instruments it uses, and counts them per document. */
export function tagInstruments(
  doc: Pick<DocumentRecord, 'title' | 'sections' | 'paragraphs'>,
  instruments: readonly InstrumentEntry[],
  options: Partial<InstrumentOptions> = {},
): InstrumentTagging {
  const { minScore, headingFactor, ancestorFactor, headingCap, repeatFactor, skipKinds } = { ...defaultInstrumentOptions, ...options };
  const byParagraph = new Map<string, InstrumentHit[]>();
  if (instruments.length === 0) return { byParagraph, instruments: [] };

  const titles = sectionTitles(doc.sections);
  const headingMatches = new Map<string, InstrumentMatch[]>();
  const headingMatchesOf = (id: string): InstrumentMatch[] => {
    let matches = headingMatches.get(id);
    if (!matches) {
      matches = matchInstruments(titles.get(id) ?? '', instruments);
      headingMatches.set(id, matches);
    }
    return matches;
  };

  const counts = new Map<number, number>();
  for (const paragraph of doc.paragraphs) {
    if (skipKinds.includes(paragraph.kind)) continue;
    const evidence = scoreMatches(matchInstruments(paragraph.text, instruments), 1, '', repeatFactor);
    const inherited = new Map<number, Evidence>();
    const path = paragraph.sectionPath;
    path.forEach((id, depth) => {
      const factor = depth === path.length - 1 ? headingFactor : ancestorFactor;
      if (factor > 0) addEvidence(inherited, scoreMatches(headingMatchesOf(id), factor, '§', repeatFactor));
    });
    for (const e of inherited.values()) e.score = Math.min(e.score, headingCap);
    addEvidence(evidence, inherited);
    const passing = [...evidence].filter(([, e]) => e.score >= minScore).sort(([a, ea], [b, eb]) => eb.score - ea.score || compareTools(instruments, a, b));
    if (passing.length === 0) continue;
    byParagraph.set(
      paragraph.id,
      passing.map(([tool, e]) => {
        const entry = instruments[tool] as InstrumentEntry;
        return { type: entry.type, tool: entry.slug, score: Math.round(e.score * 100) / 100, terms: e.terms };
      }),
    );
    for (const [tool] of passing) counts.set(tool, (counts.get(tool) ?? 0) + 1);
  }

  const profile = [...counts]
    .sort(([a, ca], [b, cb]) => cb - ca || compareTools(instruments, a, b))
    .map(([tool, paragraphs]) => {
      const entry = instruments[tool] as InstrumentEntry;
      return { type: entry.type, tool: entry.slug, paragraphs };
    });
  return { byParagraph, instruments: profile };
}

/** Supply before environment before demand, then the vocabulary's own order. */
function compareTools(entries: readonly InstrumentEntry[], a: number, b: number): number {
  return typeRank((entries[a] as InstrumentEntry).type) - typeRank((entries[b] as InstrumentEntry).type) || a - b;
}
