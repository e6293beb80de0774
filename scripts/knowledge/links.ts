/**
 * Corpus-level links, after every document has been enriched on its own:
 * citations resolved to documents of the corpus, "cited by" the other way,
 * and related documents with the reasons they are related.
 *
 * Everything goes through inverted indexes (title → documents, number →
 * documents, feature → documents), so the work grows with the number of
 * shared features, not with the square of the corpus: a feature shared by
 * more than `candidateCap` documents (a theme almost every plan has) only
 * scores candidates that a rarer feature found.
 */
import type { CitedBy, DocumentRecord, Related } from '../../src/lib/schema.ts';
import { areCodesOnSameChain, getRegionByCode } from '../../src/lib/divisions.ts';
import { normalizeNumber, normalizeTitle } from './citations.ts';

export interface LinkOptions {
  /** How many related documents to keep per document. */
  maxRelated: number;
  /** Lowest score worth showing. */
  minScore: number;
  /** Features held by more documents than this do not propose candidates (they still add to scores). */
  candidateCap: number;
  /** Theme slugs taken from each document's profile. */
  topThemes: number;
}

export const defaultLinkOptions: LinkOptions = { maxRelated: 6, minScore: 2, candidateCap: 400, topThemes: 5 };

/** Weights of the reasons; a citation alone is enough, a shared period alone never is. */
const WEIGHT = { citation: 4, program: 1, theme: 0.6, city: 1.5, province: 0.5, year: 0.25 } as const;
/** A plan's years are indexed one by one; longer spans are cut to their first years. */
const MAX_SPAN = 12;

export function linkDocuments(records: readonly DocumentRecord[], options: Partial<LinkOptions> = {}): DocumentRecord[] {
  const settings = { ...defaultLinkOptions, ...options };
  const resolved = resolveCitations(records);
  const citedBy = collectCitedBy(resolved);
  const related = relateDocuments(resolved, citedBy, settings);
  return resolved.map((record, index) => ({ ...record, citedBy: citedBy[index] ?? [], related: related[index] ?? [] }));
}

/** A citation is linked when exactly one document fits it (a title shared by two places stays unlinked unless the place decides). */
function resolveCitations(records: readonly DocumentRecord[]): DocumentRecord[] {
  const byTitle = new Map<string, number[]>();
  const byNumber = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  records.forEach((record, index) => {
    const title = normalizeTitle(record.title);
    push(byTitle, title, index);
    // `中共某市委 某市人民政府关于…的意见` is usually cited as `关于…的意见`.
    const about = title.indexOf('关于');
    if (about > 0) push(byTitle, title.slice(about), index);
    if (record.docNumber) push(byNumber, normalizeNumber(record.docNumber), index);
  });
  return records.map((record, index) => {
    if (record.citations.length === 0) return record;
    const citations = record.citations.map((citation) => {
      const key = citation.kind === 'title' ? normalizeTitle(citation.text) : normalizeNumber(citation.text);
      const candidates = [...new Set((citation.kind === 'title' ? byTitle : byNumber).get(key) ?? [])].filter((i) => i !== index);
      const target = pickCandidate(record, candidates.map((i) => records[i]).filter((r) => r !== undefined));
      return { ...citation, target: target?.id ?? null };
    });
    return { ...record, citations };
  });
}

function pickCandidate(citing: DocumentRecord, candidates: DocumentRecord[]): DocumentRecord | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const code = placeCode(citing);
  const near = code ? candidates.filter((c) => { const other = placeCode(c); return other !== null && areCodesOnSameChain(code, other); }) : [];
  return near.length === 1 ? (near[0] ?? null) : null;
}

function collectCitedBy(records: readonly DocumentRecord[]): CitedBy[][] {
  const indexOf = new Map(records.map((r, i) => [r.id as string, i]));
  const out: CitedBy[][] = records.map(() => []);
  for (const record of records) {
    for (const citation of record.citations) {
      const target = citation.target === null ? undefined : indexOf.get(citation.target);
      if (target === undefined) continue;
      out[target]?.push({ id: record.id, title: record.title, paragraphId: citation.paragraphId, text: citation.text });
    }
  }
  return out.map((list) => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** The place used for relatedness: named first, inferred otherwise. */
function placeCode(record: DocumentRecord): string | null {
  return record.region.code ?? record.inferredRegion?.code ?? null;
}

type ReasonKind = Related['reasons'][number]['kind'];
interface Feature {
  key: string;
  kind: ReasonKind;
  label: string;
  weight: number;
}

function featuresOf(record: DocumentRecord, settings: LinkOptions): Feature[] {
  const features: Feature[] = [];
  for (const theme of record.themes.slice(0, settings.topThemes)) features.push({ key: `t:${theme}`, kind: 'themes', label: theme, weight: WEIGHT.theme });
  for (const program of record.programs) features.push({ key: `g:${program.slug}`, kind: 'programs', label: program.slug, weight: WEIGHT.program });
  const code = placeCode(record);
  if (code) {
    const region = getRegionByCode(code);
    const cityCode = `${code.slice(0, 4)}00`;
    if (region.city) features.push({ key: `c:${cityCode}`, kind: 'place', label: region.city, weight: WEIGHT.city });
    else if (region.province && region.level === 'province') features.push({ key: `p:${code.slice(0, 2)}`, kind: 'place', label: region.province, weight: WEIGHT.province });
    if (region.city && region.province) features.push({ key: `p:${code.slice(0, 2)}`, kind: 'place', label: region.province, weight: WEIGHT.province });
  }
  const start = record.period?.start ?? record.year;
  const end = record.period?.end ?? record.year;
  if (start !== null && end !== null) {
    for (let year = start; year <= Math.min(end, start + MAX_SPAN - 1); year++) features.push({ key: `y:${year}`, kind: 'period', label: String(year), weight: WEIGHT.year });
  }
  return features;
}

function relateDocuments(records: readonly DocumentRecord[], citedBy: readonly CitedBy[][], settings: LinkOptions): Related[][] {
  const features = records.map((r) => featuresOf(r, settings));
  const keySets = features.map((list) => new Map(list.map((f) => [f.key, f])));
  const postings = new Map<string, number[]>();
  keySets.forEach((keys, index) => {
    for (const key of keys.keys()) {
      const posting = postings.get(key);
      if (posting) posting.push(index);
      else postings.set(key, [index]);
    }
  });
  const citationPairs = records.map((r) => new Set(r.citations.map((c) => c.target).filter((t): t is string => t !== null)));
  const indexOf = new Map(records.map((r, i) => [r.id as string, i]));
  // Scores in whole units of 0.05 (every weight is a multiple), so sums are exact; reused across documents.
  const units = new Int32Array(records.length);
  const touched = new Uint8Array(records.length);

  return records.map((record, index) => {
    const own = keySets[index] ?? new Map<string, Feature>();
    const candidates: number[] = [];
    const touch = (other: number): void => {
      if (other === index || touched[other] === 1) return;
      touched[other] = 1;
      candidates.push(other);
    };
    // Candidates come through the rarer features only; each shared rare feature adds its weight on the way.
    const common: Feature[] = [];
    for (const feature of own.values()) {
      const posting = postings.get(feature.key) ?? [];
      if (posting.length > settings.candidateCap) {
        common.push(feature);
        continue;
      }
      const weight = unitsOf(feature.weight);
      for (const other of posting) {
        if (other === index) continue;
        touch(other);
        units[other] = (units[other] ?? 0) + weight;
      }
    }
    for (const target of citationPairs[index] ?? []) {
      const other = indexOf.get(target);
      if (other !== undefined) touch(other);
    }
    for (const cite of citedBy[index] ?? []) {
      const other = indexOf.get(cite.id);
      if (other !== undefined) touch(other);
    }
    const ranked: { other: number; units: number; id: string }[] = [];
    for (const other of candidates) {
      const otherRecord = records[other];
      const otherKeys = keySets[other];
      let score = units[other] ?? 0;
      units[other] = 0;
      touched[other] = 0;
      if (!otherRecord || !otherKeys) continue;
      // The common features (a theme nearly every plan has) still count for a candidate found another way.
      for (const feature of common) if (otherKeys.has(feature.key)) score += unitsOf(feature.weight);
      if (citationPairs[index]?.has(otherRecord.id) === true || citationPairs[other]?.has(record.id) === true) score += unitsOf(WEIGHT.citation);
      if (score >= unitsOf(settings.minScore)) ranked.push({ other, units: score, id: otherRecord.id });
    }
    // Reasons are built only for the few kept: scorePair's rounded score orders them identically.
    ranked.sort((a, b) => b.units - a.units || (a.id < b.id ? -1 : 1));
    return ranked.slice(0, settings.maxRelated).map(({ other }) => {
      const otherRecord = records[other] as DocumentRecord;
      return scorePair(record, otherRecord, own, keySets[other] ?? new Map(), citationPairs[index]?.has(otherRecord.id) === true || citationPairs[other]?.has(record.id) === true);
    });
  });
}

/** A weight in twentieths, so that sums are exact integers. */
function unitsOf(weight: number): number {
  return Math.round(weight * 20);
}

const REASON_ORDER: readonly ReasonKind[] = ['citation', 'programs', 'themes', 'place', 'period'];

function scorePair(a: DocumentRecord, b: DocumentRecord, aKeys: Map<string, Feature>, bKeys: Map<string, Feature>, cites: boolean): Related {
  const shared = new Map<ReasonKind, string[]>();
  let score = 0;
  if (cites) {
    score += WEIGHT.citation;
    shared.set('citation', [a.citations.some((c) => c.target === b.id) ? 'cites' : 'cited-by']);
  }
  for (const [key, feature] of aKeys) {
    if (!bKeys.has(key)) continue;
    score += feature.weight;
    const list = shared.get(feature.kind) ?? [];
    list.push(feature.label);
    shared.set(feature.kind, list);
  }
  // Years are one reason (`2015–2016`), not one per year.
  const years = shared.get('period');
  if (years && years.length > 1) shared.set('period', [`${years[0]}–${years.at(-1)}`]);
  // Sharing only a province or a few years stays below `minScore`: not a reason to read a document.
  const reasons = REASON_ORDER.filter((kind) => shared.has(kind)).map((kind) => ({ kind, shared: shared.get(kind) ?? [] }));
  return { id: b.id, title: b.title, score: Math.round(score * 100) / 100, reasons };
}
