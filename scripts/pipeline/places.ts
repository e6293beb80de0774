/**
 * The pipeline's view of place names: mentions with their candidate GB/T 2260
 * codes, and resolution of mentions to one `Region`, over `src/lib/divisions.ts`.
 */
import type { Region, RegionLevel } from '../../src/lib/schema.ts';
import {
  areCodesOnSameChain,
  findPlaceMentions as findDivisionMentions,
  findPrefecturesByAbbreviation,
  getRegionByCode,
  resolveDivision,
  type PlaceMention as DivisionMention,
} from '../../src/lib/divisions.ts';
import { UNKNOWN_REGION } from '../../src/lib/schema.ts';

export interface PlaceMention {
  /** Offset of the mention in the text. */
  index: number;
  text: string;
  /** Written with its administrative suffix (昆山市, 延边州), not a bare short name. */
  full: boolean;
  /** Level shared by all candidates, or `unknown` when they differ. */
  level: RegionLevel;
  /** Candidate unit codes (several when the name is ambiguous). */
  codes: string[];
  source: DivisionMention;
}

/** Finds place names in a text. */
export function findPlaceMentions(text: string): PlaceMention[] {
  return findDivisionMentions(text).map((m) => {
    const levels = new Set(m.units.map((u) => u.level));
    return {
      index: m.offset,
      text: m.text,
      full: m.form !== 'short',
      level: levels.size === 1 ? ([...levels][0] ?? 'unknown') : 'unknown',
      codes: m.units.map((u) => u.code),
      source: m,
    };
  });
}

/**
 * Resolves the mentions of one source (a title, an issuer line) to a region;
 * context mentions (the body) only choose among ambiguous candidates, they
 * never make the result more specific than the source says.
 */
export function resolvePlaces(primary: readonly PlaceMention[], context: readonly PlaceMention[] = []): Region {
  const direct = resolveDivision(primary.map((m) => m.source));
  if (direct) return getRegionByCode(direct.code);
  const contextCodes = context.filter((m) => m.codes.length === 1).map((m) => m.codes[0] ?? '');
  const narrowed = primary.map((m) => {
    const units = m.source.units.filter((u) => contextCodes.some((c) => onSameChain(c, u.code)));
    return { ...m.source, units: units.length > 0 ? units : m.source.units };
  });
  const unit = resolveDivision(narrowed);
  return unit ? getRegionByCode(unit.code) : { ...UNKNOWN_REGION };
}

/** The region of a GB/T 2260 code. */
export function regionOfCode(code: string): Region {
  return getRegionByCode(code);
}

/** Prefecture codes whose short name contains a one-character abbreviation, narrowed by province codes when given. */
export function inferPrefectureFromAbbreviation(char: string, provinceCodes: readonly string[]): string[] {
  const all = findPrefecturesByAbbreviation(char);
  const narrowed = provinceCodes.length > 0 ? all.filter((u) => provinceCodes.some((p) => u.code.startsWith(p.slice(0, 2)))) : all;
  const pool = narrowed.length > 0 ? narrowed : all;
  // A character shared by many prefectures says nothing; a few candidates can still be settled by other clues.
  return pool.length <= 3 ? pool.map((u) => u.code) : [];
}

/** True when one code lies inside the other (or they are the same unit), by the division hierarchy. */
export function onSameChain(a: string, b: string): boolean {
  return areCodesOnSameChain(a, b);
}
