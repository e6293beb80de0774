/**
 * Responsible agencies: who leads and who cooperates on each task, read from
 * responsibility clauses — `(市科技局牵头负责,市发改局、经贸局配合)`,
 * `牵头单位:…;责任单位:…`, `由市科技局牵头…` — and from flattened task tables
 * (task · lead · cooperating cells), plus every agency a paragraph names.
 *
 * Names are normalised against `content/agencies/*.md`: long forms become the
 * entry's short name (`市科学技术局` → `市科技局`), a list lends its level
 * prefix to bare names (`市发改局、经贸局` → 市发改局, 市经贸局), a leading place
 * name is dropped (`某某市科技局` → `市科技局`). Names outside the vocabulary are
 * kept when they end like an agency (局, 委, 办, 中心 …), level-prefixed as written.
 */
import { findPlaceMentions, slugifyName } from '../../src/lib/divisions.ts';
import type { AgencyMention, DocumentRecord, Paragraph, Responsibility, Section } from '../../src/lib/schema.ts';
import type { AgencyEntry } from '../../src/lib/vocabulary.ts';

export interface AgencyOptions {
  /** Longest agency name considered, in characters (default 24): longer list items are phrases, not names. */
  maxNameLength: number;
  /** Also record vocabulary agencies named outside responsibility clauses (default true). */
  freeText: boolean;
}

const defaultOptions: AgencyOptions = { maxNameLength: 24, freeText: true };

type AgencyDoc = Pick<DocumentRecord, 'title' | 'issuer' | 'region' | 'sections' | 'paragraphs'>;

/** An agency name as normalised: canonical name and slug, with how it was read. */
export interface AgencyName {
  /** As written (`经贸局`, `市科学技术局`). */
  text: string;
  /** Canonical name (`市经贸局`). */
  name: string;
  slug: string;
  nameEn: string | null;
  /** Normalised level prefix (`市`, `各县区`, `市委`), '' when none. */
  level: string;
  /** Vocabulary entry, null for a body outside the vocabulary. */
  entry: AgencyEntry | null;
  /** The name after the level prefix (`科技局`, `经合办`). */
  body: string;
  /** A list may lend it the level prefix of its first item (it has none, no place name, and is a local body of the vocabulary). */
  inherits: boolean;
  /** It still lacks the level prefix or place name its entry needs (`政府` alone); dropped unless a list lends one. */
  bare: boolean;
}

/* ── patterns ── */

const LEVEL_UNIT = '(?:自治[区州县旗]|地区|街道|[省市县区州旗盟乡镇])';
const LEVEL_RUN = `${LEVEL_UNIT}(?:[、(（]?${LEVEL_UNIT}[)）]?)*`;
/** A whole level prefix: `市`, `各县(区)`, `有关乡镇`, `市委` (a Party committee's department), `国家`. */
const PREFIX_RE = new RegExp(`^(?:国家|中央|(?:各|有关|相关)?${LEVEL_RUN}委?)$`, 'u');
/** A level prefix a list may lend to bare names that follow it. */
const SIMPLE_LEVEL_RE = /^(?:自治区|[省市县区州旗盟乡镇])委?$/u;
/** How a place name ends when it carries its level (`某某市` → `市`). */
const PLACE_LEVEL_RE = /(?:自治[州县区旗]|地区|[省市县区州旗盟乡镇])$/u;
/** Endings of an agency name outside the vocabulary. */
const AGENCY_SUFFIX_RE = /(?:局|委|办|厅|部|院|会|中心|行|所|政府|署|处|司|海关)$/u;
/** Bodies ending like an agency that are not government agencies (universities, institutes, banks, firms). */
const NOT_AGENCY_RE = /(?:大学|学院|研究院|研究所|科学院|科院|院所|医院|银行|公司|集团|企业|学校|部门|单位|机构)$|^(?:部|局|委|办|厅|院|会|所|行|处|司|中心|委员会|办公室)$/u;
const CJK_RE = /^[\u3400-\u9fff]+$/u;
/** A local branch of the central bank: `中国人民银行某市中心支行` → `某市人民银行`. */
const BANK_BRANCH_RE = /^(?:中国)?人民银行(.+?)(?:中心)?(?:支行|分行)$/u;
/** The Youth League's committees are written `团市委`, `团县委`. */
const YOUTH_LEAGUE_RE = /^团([省市县区州])委$/u;
/** Placeholders of anonymised place names (`xx市科委`). */
const PLACEHOLDER_RE = /^(?:[xX×＊*]{2,})/u;

const LABEL = '(?:牵头|主办|主责|责任|配合|协办|协助|参与|实施|承办)(?:单位|部门)';
/** Where a labelled clause starts: `牵头单位:`, `责任部门：`, at the start of the text or after a sentence. */
const LABEL_START_RE = new RegExp(`(?:^|(?<=[。；;，,\\s]))${LABEL}\\s*[:：]`, 'u');
const LABEL_SEGMENT_RE = new RegExp(`^(${LABEL})\\s*[:：]\\s*(.*)$`, 'u');
/** A segment that ends in its role: `市科技局牵头负责`, `各有关部门按职能分工负责`, `经贸局配合`. */
const ROLE_TAIL_RE = /^(.*?)(按照?职[能责]分工负责|按职[能责]负责|分工负责|牵头负责|牵头|负责|主办|配合|协助|协办|参与)(?:实施|落实|推进)?$/u;
/** Words that make a parenthetical worth parsing as a responsibility clause. */
const ROLE_HINT_RE = /牵头|负责|配合|协助|协办|主办|参与|(?:责任|牵头|配合)(?:单位|部门)/u;
/** `由市科技局牵头…` inside a sentence. */
const LED_BY_RE = /由([^，。；,;：:（）()由]{2,40}?)(牵头负责|牵头|负责)/gu;
/** Header cells of a task table naming the agency columns. */
const HEADER_RE = /^(?:.{0,6})(?:单位|部门)$/u;
const SERIAL_RE = /^\s*(?:[0-9０-９]+|[一二三四五六七八九十]+)[.、．]?\s*$/u;

type Role = 'lead' | 'cooperating';

/* ── compiled vocabulary ── */

interface CompiledAgencies {
  /** Entry by name or alias. */
  byName: Map<string, AgencyEntry>;
  /** Finds the vocabulary's names in running text (the level prefix is read backwards from each hit). */
  freeText: RegExp;
  /** Names already normalised, by option set and raw text: lists repeat the same names over and over. */
  memo: Map<string, AgencyName | null>;
}

const MEMO_LIMIT = 20_000;
/** The level prefix right before a name found in running text. */
const PREFIX_BEFORE_RE = new RegExp(`(?:国家|中央|(?:各|有关|相关)?${LEVEL_RUN}委?)$`, 'u');

const compiledCache = new WeakMap<readonly AgencyEntry[], CompiledAgencies>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Indexes a vocabulary once (cached by the array). */
function compileAgencies(agencies: readonly AgencyEntry[]): CompiledAgencies {
  const cached = compiledCache.get(agencies);
  if (cached) return cached;
  const byName = new Map<string, AgencyEntry>();
  for (const entry of agencies) {
    for (const name of [entry.name, ...entry.aliases]) if (!byName.has(name)) byName.set(name, entry);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp);
  const alternatives = [
    '(?:中国)?人民银行[\\u4e00-\\u9fff]{0,8}?(?:中心)?(?:支行|分行)',
    '团[省市县区州]委',
    // `部门`, `政府性基金`: the name is part of a common word.
    ...(names.length > 0 ? [`(?:政府)?(?:${names.join('|')})(?![门性])`] : []),
  ];
  const compiled = { byName, freeText: new RegExp(alternatives.join('|'), 'gu'), memo: new Map() };
  compiledCache.set(agencies, compiled);
  return compiled;
}

/* ── one name ── */

const slugCache = new Map<string, string>();
/** Pinyin slug of a name part, remembered (pinyin conversion is slow). */
function pinyinSlug(text: string): string {
  let slug = slugCache.get(text);
  if (slug === undefined) {
    if (slugCache.size >= MEMO_LIMIT) slugCache.clear();
    slug = slugifyName(text);
    slugCache.set(text, slug);
  }
  return slug;
}

function normalizeLevel(prefix: string): string {
  return prefix
    .replace(/[、()（）]/gu, '')
    .replace(/^相关/u, '有关')
    .replace(/自治州/u, '州')
    .replace(/自治县/u, '县');
}

function cleanName(raw: string): string {
  return raw
    .replace(/\s+/gu, '')
    .replace(/^(?:由|中共|和|及|与|以及)/u, '')
    .replace(/等(?:部门|单位)?$/u, '');
}

function buildName(text: string, prefix: string, body: string, entry: AgencyEntry | null, placed: boolean, display?: string): AgencyName {
  let level = normalizeLevel(prefix);
  if (entry?.central) level = '';
  const name = display ?? `${level}${entry ? entry.name : body}`;
  const bodySlug = entry ? entry.slug : pinyinSlug(body);
  return {
    text,
    name,
    slug: level ? `${pinyinSlug(level)}-${bodySlug}` : bodySlug,
    nameEn: entry?.nameEn ?? null,
    level,
    entry,
    body: entry ? entry.name : body,
    inherits: level === '' && !placed && entry !== null && !entry.central && !/^(?:各|有关)/u.test(prefix),
    bare: entry !== null && entry.needsPrefix && level === '' && !placed,
  };
}

/**
 * Normalises one agency name (`市科学技术局` → `市科技局`), or null when it is
 * not an agency name: too long, no agency ending, a university or a firm.
 */
export function normalizeAgency(raw: string, agencies: readonly AgencyEntry[], options: Partial<AgencyOptions> = {}): AgencyName | null {
  const { maxNameLength } = { ...defaultOptions, ...options };
  const { byName, memo } = compileAgencies(agencies);
  const key = `${maxNameLength}\u0000${raw}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const name = readAgencyName(raw, byName, maxNameLength);
  memo.set(key, name);
  return name;
}

function readAgencyName(raw: string, byName: ReadonlyMap<string, AgencyEntry>, maxNameLength: number): AgencyName | null {
  const text = cleanName(raw);
  let t = text.replace(PLACEHOLDER_RE, '');
  if (t.length < 2 || t.length > maxNameLength) return null;
  const bank = BANK_BRANCH_RE.exec(t);
  if (bank?.[1]) t = `${bank[1]}人民银行`;
  let placed = false;
  if (!byName.has(t)) {
    const place = findPlaceMentions(t)[0];
    if (place && place.offset === 0 && place.text.length < t.length) {
      t = (PLACE_LEVEL_RE.exec(place.text)?.[0] ?? '') + t.slice(place.text.length);
      placed = true;
    }
  }
  const league = YOUTH_LEAGUE_RE.exec(t);
  if (league?.[1]) {
    const entry = byName.get('团委') ?? null;
    return { ...buildName(text, league[1], '团委', entry, placed, t), inherits: false, bare: false };
  }
  // The shortest prefix that leaves a vocabulary name (`市场监管局` is a name, not 市 + 场监管局).
  const maxPrefix = Math.min(t.length - 1, 12);
  for (let k = 0; k <= maxPrefix; k++) {
    const prefix = t.slice(0, k);
    if (k > 0 && !PREFIX_RE.test(prefix)) continue;
    const rest = t.slice(k);
    const entry = byName.get(rest) ?? (rest.startsWith('政府') ? byName.get(rest.slice(2)) : undefined);
    if (entry) return buildName(text, prefix, entry.name, entry, placed);
  }
  // Outside the vocabulary: the longest prefix, then a name with an agency ending.
  for (let k = maxPrefix; k >= 0; k--) {
    const prefix = t.slice(0, k);
    if (k > 0 && !PREFIX_RE.test(prefix)) continue;
    const rest = t.slice(k);
    // `市委`, `县委` alone are Party committees, not agencies (their departments are: `市委宣传部`).
    if (rest.length < 2 || !CJK_RE.test(rest) || !AGENCY_SUFFIX_RE.test(rest) || NOT_AGENCY_RE.test(rest) || PREFIX_RE.test(rest)) continue;
    return buildName(text, prefix, rest, null, placed);
  }
  return null;
}

/* ── lists and clauses ── */

/** Splits at separators outside parentheses (`各县(区)政府` stays whole). */
function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** The items of an agency list: `市发改局、经贸局及有关乡、镇人民政府` → 市发改局 · 经贸局 · 有关乡镇人民政府. */
export function splitAgencyList(text: string): string[] {
  const cleaned = text.replace(/\s+/gu, '').replace(/等(?:部门|单位)?(?=以及|及|和|与|$|[、，,；;])/gu, '');
  const merged: string[] = [];
  for (const part of splitTopLevel(cleaned, '、，,；;')) {
    const previous = merged.at(-1);
    // `乡、镇人民政府`, `县、市、区`: a bare level word continues into the next item.
    if (previous !== undefined && /[省市县区乡镇场]$/u.test(previous) && !AGENCY_SUFFIX_RE.test(previous)) {
      merged[merged.length - 1] = previous + part;
    } else merged.push(part);
  }
  return merged
    .flatMap((item) => item.split(/(?<=[局委办厅部院会心行所府署处司关])(?:以及|及|和|与)(?=.)/u))
    .map((item) => item.replace(/^(?:以及|及|和|与)/u, '').replace(/等$/u, ''))
    .filter((item) => item.length > 0);
}

interface ListReading {
  /** Normalised agencies with their source text, in order. */
  names: AgencyName[];
  /** Items that are not agencies. */
  rejected: string[];
}

/** Reads agency lists that share one level prefix: the first simple level lends itself to later bare names. */
function readLists(lists: readonly string[], agencies: readonly AgencyEntry[], options: AgencyOptions): ListReading[] {
  const readings = lists.map((list) => {
    const names: AgencyName[] = [];
    const rejected: string[] = [];
    for (const item of splitAgencyList(list)) {
      const name = normalizeAgency(item, agencies, options);
      if (name) names.push(name);
      else rejected.push(item);
    }
    return { names, rejected };
  });
  const lender = readings.flatMap((r) => r.names).find((n) => SIMPLE_LEVEL_RE.test(n.level));
  const level = lender?.level.replace(/委$/u, '') ?? '';
  return readings.map(({ names, rejected }) => {
    const kept: AgencyName[] = [];
    for (const name of names) {
      const lent = level && name.inherits ? lendLevel(name, level) : name;
      if (lent.bare) rejected.push(name.text);
      else kept.push(lent);
    }
    return { names: kept, rejected };
  });
}

function lendLevel(name: AgencyName, level: string): AgencyName {
  const entry = name.entry;
  return {
    ...name,
    level,
    name: `${level}${name.body}`,
    slug: `${pinyinSlug(level)}-${entry ? entry.slug : pinyinSlug(name.body)}`,
    inherits: false,
    bare: false,
  };
}

interface ClauseGroup {
  role: Role | 'responsible' | 'none';
  list: string;
  byRemit: boolean;
}

/** A clause read into roles: agencies with their role, whether it says `按职能分工负责`. */
export interface ClauseReading {
  lead: AgencyName[];
  cooperating: AgencyName[];
  byRemit: boolean;
}

function roleOfLabel(label: string): ClauseGroup['role'] {
  if (/^(?:牵头|主办|主责)/u.test(label)) return 'lead';
  if (/^(?:配合|协办|协助|参与)/u.test(label)) return 'cooperating';
  return 'responsible';
}

function roleOfWord(word: string): Role {
  return /配合|协助|协办|参与/u.test(word) ? 'cooperating' : 'lead';
}

/**
 * Reads a responsibility clause: `市科技局牵头负责,市发改局、经贸局配合`,
 * `牵头单位:市科技局;责任单位:市财政局`, `市发改局,市台办…配合` (the group
 * without a role word leads). `责任单位` cooperates when a lead is named (here or,
 * with `hasLead`, in an earlier line), else it leads. Null when the clause names
 * no role or neither agencies nor a remit.
 */
export function readClause(
  text: string,
  agencies: readonly AgencyEntry[],
  options: Partial<AgencyOptions> & { hasLead?: boolean } = {},
): ClauseReading | null {
  const opts = { ...defaultOptions, ...options };
  const groups: ClauseGroup[] = [];
  let labelled: ClauseGroup['role'] | null = null;
  for (const raw of splitTopLevel(text, ',，;；。')) {
    const segment = raw.trim();
    if (!segment) continue;
    const label = LABEL_SEGMENT_RE.exec(segment);
    if (label) {
      labelled = roleOfLabel(label[1] ?? '');
      groups.push({ role: labelled, list: label[2] ?? '', byRemit: false });
      continue;
    }
    const tail = ROLE_TAIL_RE.exec(segment);
    if (tail?.[1] && tail[2]) {
      labelled = null;
      const role = roleOfWord(tail[2]);
      const byRemit = /分工|职[能责]/u.test(tail[2]);
      // `市科技局会同市财政局负责`: the first leads, the rest cooperate.
      const [first = '', ...others] = tail[1].split('会同');
      groups.push({ role, list: first, byRemit });
      if (others.length > 0) groups.push({ role: 'cooperating', list: others.join('、'), byRemit: false });
      continue;
    }
    groups.push({ role: labelled ?? 'none', list: segment, byRemit: false });
  }
  if (!groups.some((g) => g.role !== 'none')) return null;
  const hasLead = options.hasLead === true || groups.some((g) => g.role === 'lead');
  const readings = readLists(
    groups.map((g) => g.list),
    agencies,
    opts,
  );
  const lead: AgencyName[] = [];
  const cooperating: AgencyName[] = [];
  groups.forEach((group, i) => {
    const role: Role | null =
      group.role === 'responsible' ? (hasLead ? 'cooperating' : 'lead') : group.role === 'none' ? (hasLead ? null : 'lead') : group.role;
    if (role) (role === 'lead' ? lead : cooperating).push(...(readings[i]?.names ?? []));
  });
  const byRemit = groups.some((g) => g.byRemit);
  if (lead.length === 0 && cooperating.length === 0 && !byRemit) return null;
  return withoutRepeats(lead, cooperating, byRemit);
}

function uniqueNames(names: readonly AgencyName[]): AgencyName[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.name) && seen.add(n.name));
}

/** An agency list cell of a table (`市科技局、市财政局`), or null when the cell is not wholly a list of agencies. */
function readAgencyCell(cell: string, agencies: readonly AgencyEntry[], options: AgencyOptions): { names: AgencyName[]; lead: Set<string> } | null {
  if (!cell.trim() || cell.length > 200 || /[。：:]/u.test(cell)) return null;
  const lead = new Set<string>();
  // `市科技局(牵头)`: a marked lead inside a shared cell.
  const items = splitAgencyList(cell).map((item) => {
    const marked = /[(（](?:牵头|主办|主责)[)）]$/u.exec(item);
    return { item: marked ? item.slice(0, marked.index) : item, marked: marked !== null };
  });
  const [reading] = readLists([items.map((i) => i.item).join('、')], agencies, options);
  if (!reading || reading.rejected.length > 0 || reading.names.length !== items.length) return null;
  reading.names.forEach((name, i) => {
    if (items[i]?.marked) lead.add(name.name);
  });
  return { names: reading.names, lead };
}

/* ── the document ── */

/** An agency named in a paragraph. */
interface Event {
  agency: AgencyName;
  paragraphId: string;
}

/** A responsibility with the paragraph index that orders it. */
interface Found {
  responsibility: Responsibility;
  order: number;
}

type Range = [number, number];
type ColumnRole = Role | 'responsible' | 'task';

/** Texts of the sections by id, to name the task of a clause that opens a section. */
function sectionTitles(sections: readonly Section[], out = new Map<string, string>()): Map<string, string> {
  for (const s of sections) {
    out.set(s.id, s.title);
    sectionTitles(s.children, out);
  }
  return out;
}

function stripLeadingPunctuation(text: string): string {
  return text.replace(/^[\s,，;；。、:：]+/u, '').trim();
}

function makeResponsibility(task: string, paragraph: Paragraph, reading: ClauseReading, quote: string): Responsibility {
  return {
    task,
    paragraphId: paragraph.id,
    line: paragraph.line,
    lead: reading.lead.map((n) => n.name),
    cooperating: reading.cooperating.map((n) => n.name),
    byRemit: reading.byRemit,
    quote,
  };
}

function withoutRepeats(lead: readonly AgencyName[], cooperating: readonly AgencyName[], byRemit: boolean): ClauseReading {
  const leads = uniqueNames(lead);
  return { lead: leads, cooperating: uniqueNames(cooperating).filter((c) => !leads.some((l) => l.name === c.name)), byRemit };
}

/** Ranges of `《…》` titles: agencies named there are issuers of cited documents. */
function titleRanges(text: string): Range[] {
  return [...text.matchAll(/《[^《》]*》/gu)].map((m) => [m.index, m.index + m[0].length]);
}

/** Which characters of a text are already read (clauses, cited titles): one flag per character, so that checks stay linear on long texts. */
function coverageOf(length: number, ranges: readonly Range[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const [s, e] of ranges) mask.fill(1, Math.max(0, s), Math.min(length, e));
  return mask;
}

function isCovered(mask: Uint8Array, start: number, end: number): boolean {
  for (let i = Math.max(0, start); i < end && i < mask.length; i++) if (mask[i] === 1) return true;
  return false;
}

/** Finds the vocabulary's agencies in running text outside the given ranges. */
function findNamedAgencies(text: string, skip: readonly Range[], agencies: readonly AgencyEntry[], options: AgencyOptions): AgencyName[] {
  const { freeText } = compileAgencies(agencies);
  const found: AgencyName[] = [];
  const covered = coverageOf(text.length, skip);
  for (const m of text.matchAll(freeText)) {
    const end = m.index + m[0].length;
    const prefix = PREFIX_BEFORE_RE.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[0] ?? '';
    const start = m.index - prefix.length;
    if (isCovered(covered, start, end)) continue;
    const name = normalizeAgency(prefix + m[0], agencies, options);
    if (!name) continue;
    if (name.bare) {
      // `某地海关`: a place name right before the bare name qualifies it.
      const window = text.slice(Math.max(0, start - 8), start);
      const place = findPlaceMentions(window).at(-1);
      if (!place || place.offset + place.text.length !== window.length) continue;
      found.push({ ...name, bare: false });
      continue;
    }
    found.push(name);
  }
  return found;
}

/** Column roles of a table header row (`序号 | 工作任务 | 牵头单位 | 配合单位`), or null when the row is not a header. */
function readHeaderRow(cells: readonly string[]): ColumnRole[] | null {
  if (!cells.some((c) => HEADER_RE.test(c.trim()) && /牵头|配合|责任|主办|协办|落实/u.test(c))) return null;
  return cells.map((c) =>
    /配合|协办|协助|参与/u.test(c) ? 'cooperating' : /牵头|主办|主责/u.test(c) ? 'lead' : /责任|落实|实施/u.test(c) ? 'responsible' : 'task',
  );
}

/**
 * One row of a flattened task table: the agency-list cells give the roles (by
 * the header when its columns match, else the first leads and the rest
 * cooperate); the first other cell that is not a serial number is the task.
 */
function readTableRow(
  cells: readonly string[],
  header: readonly ColumnRole[] | null,
  agencies: readonly AgencyEntry[],
  options: AgencyOptions,
): { task: string; reading: ClauseReading; quote: string } | null {
  const read = cells.map((c) => readAgencyCell(c, agencies, options));
  if (read.every((r) => r === null)) return null;
  const columns = header && header.length === cells.length ? header : null;
  const headerHasLead = columns?.includes('lead') ?? false;
  const lead: AgencyName[] = [];
  const cooperating: AgencyName[] = [];
  let ordinal = 0;
  read.forEach((r, i) => {
    if (!r) return;
    const column = columns?.[i];
    let role: Role = ordinal === 0 ? 'lead' : 'cooperating';
    if (column === 'lead' || column === 'cooperating') role = column;
    else if (column === 'responsible') role = headerHasLead ? 'cooperating' : 'lead';
    ordinal++;
    for (const name of r.names) (role === 'lead' || r.lead.has(name.name) ? lead : cooperating).push(name);
  });
  const task = cells.find((c, i) => read[i] === null && !SERIAL_RE.test(c)) ?? '';
  return { task: task.trim(), reading: withoutRepeats(lead, cooperating, false), quote: cells.filter((_, i) => read[i] !== null).join(' | ') };
}

/** `(市科技局牵头负责,…配合)` clauses of a text, each with the text before it (back to the previous clause) as its task. */
function readParenthesizedClauses(text: string, agencies: readonly AgencyEntry[], options: AgencyOptions): { task: string; reading: ClauseReading; range: Range }[] {
  const clauses: { task: string; reading: ClauseReading; range: Range }[] = [];
  if (!/[(（]/u.test(text)) return clauses;
  let taskStart = 0;
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '(' || ch === '（') {
      if (depth === 0) open = i;
      depth++;
    } else if ((ch === ')' || ch === '）') && depth > 0) {
      depth--;
      // A parenthesis opening the text is a list marker (`(一)`), not a clause.
      if (depth !== 0 || open <= 0) continue;
      const inner = text.slice(open + 1, i);
      if (!ROLE_HINT_RE.test(inner)) continue;
      const reading = readClause(inner, agencies, options);
      if (!reading) continue;
      clauses.push({ task: stripLeadingPunctuation(text.slice(taskStart, open)), reading, range: [open, i + 1] });
      taskStart = i + 1;
    }
  }
  return clauses;
}

const SENTENCE_END_RE = /[。；;!！]/u;
/** Longest stretch searched on either side for the end of a sentence: a text without full stops has no sentences to find. */
const MAX_SENTENCE = 400;

/** The sentence holding `[start, end)`, cut at MAX_SENTENCE characters on either side. */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < MAX_SENTENCE && !SENTENCE_END_RE.test(text.charAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < MAX_SENTENCE && !SENTENCE_END_RE.test(text.charAt(to))) to++;
  // Keep the full stop that ends the sentence.
  return text.slice(from, SENTENCE_END_RE.test(text.charAt(to)) ? to + 1 : to);
}

/** `由市科技局(会同…)牵头…` inside a sentence: the sentence is the task. Every listed item must be an agency. */
function readLedBy(
  text: string,
  skip: readonly Range[],
  agencies: readonly AgencyEntry[],
  options: AgencyOptions,
): { task: string; reading: ClauseReading; quote: string; range: Range }[] {
  const out: { task: string; reading: ClauseReading; quote: string; range: Range }[] = [];
  if (!text.includes('由')) return out;
  const covered = coverageOf(text.length, skip);
  for (const m of text.matchAll(LED_BY_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isCovered(covered, start, end)) continue;
    const [first = '', ...others] = (m[1] ?? '').split('会同');
    const [leads, partners] = readLists([first, others.join('、')], agencies, options);
    if (!leads || leads.names.length === 0 || leads.rejected.length > 0 || (partners?.rejected.length ?? 0) > 0) continue;
    out.push({
      task: stripLeadingPunctuation(sentenceAround(text, start, end)),
      reading: withoutRepeats(leads.names, partners?.names ?? [], false),
      quote: m[0],
      range: [start, end],
    });
  }
  return out;
}

/**
 * Extracts a document's responsibilities (task × lead/cooperating agencies) and
 * the agencies it names, under canonical names, most involved first.
 */
export function extractAgencies(
  doc: AgencyDoc,
  agencies: readonly AgencyEntry[],
  options: Partial<AgencyOptions> = {},
): { responsibilities: Responsibility[]; agencies: AgencyMention[] } {
  const opts = { ...defaultOptions, ...options };
  const found: Found[] = [];
  const events: Event[] = [];
  const titles = sectionTitles(doc.sections);
  const paragraphs = doc.paragraphs;
  /** The responsibility a clause-only line (`牵头单位:…`) made, so that a following `责任单位:…` line joins it. */
  let openClause: { index: number; found: Found; reading: ClauseReading } | null = null;
  let header: ColumnRole[] | null = null;

  const record = (reading: ClauseReading, paragraphId: string) => {
    for (const agency of [...reading.lead, ...reading.cooperating]) events.push({ agency, paragraphId });
  };
  const mentionRunningText = (text: string, skip: readonly Range[], paragraphId: string) => {
    if (!opts.freeText) return;
    for (const agency of findNamedAgencies(text, [...skip, ...titleRanges(text)], agencies, opts)) events.push({ agency, paragraphId });
  };

  paragraphs.forEach((p, index) => {
    const text = p.text;

    if (p.kind === 'table-row' && p.cells && p.cells.length > 0) {
      if (paragraphs[index - 1]?.kind !== 'table-row') header = null;
      const row = readTableRow(p.cells, header, agencies, opts);
      if (row) {
        found.push({ responsibility: makeResponsibility(row.task, p, row.reading, row.quote), order: index });
        record(row.reading, p.id);
        mentionRunningText(row.task, [], p.id);
        openClause = null;
        return;
      }
      const columns = readHeaderRow(p.cells);
      if (columns) {
        header = columns;
        return;
      }
    }

    // `牵头单位:市科技局;责任单位:…`, alone on its line or after the task.
    const covered: Range[] = [];
    let body = text;
    const label = LABEL_START_RE.exec(text);
    const previousOpen = openClause;
    openClause = null;
    if (label) {
      const clause = text.slice(label.index).trim();
      const before = text.slice(0, label.index).trim();
      const joins = before === '' && previousOpen !== null && previousOpen.index === index - 1 ? previousOpen : null;
      const reading = readClause(clause, agencies, { ...opts, hasLead: joins !== null && joins.reading.lead.length > 0 });
      if (reading) {
        covered.push([label.index, text.length]);
        body = text.slice(0, label.index);
        record(reading, p.id);
        if (joins) {
          const merged = withoutRepeats([...joins.reading.lead, ...reading.lead], [...joins.reading.cooperating, ...reading.cooperating], joins.reading.byRemit || reading.byRemit);
          const r = joins.found.responsibility;
          joins.found.responsibility = { ...r, lead: merged.lead.map((n) => n.name), cooperating: merged.cooperating.map((n) => n.name), byRemit: merged.byRemit, quote: `${r.quote} ${clause}` };
          openClause = { index, found: joins.found, reading: merged };
        } else if (before === '') {
          // The task is the item before the clause, or the heading when the clause opens a section.
          const previous = paragraphs[index - 1];
          const sameSection = previous !== undefined && previous.sectionPath.join('/') === p.sectionPath.join('/');
          const entry: Found = sameSection
            ? { responsibility: makeResponsibility(previous.text, previous, reading, clause), order: index - 1 }
            : { responsibility: makeResponsibility(titles.get(p.sectionPath.at(-1) ?? '') ?? '', p, reading, clause), order: index };
          found.push(entry);
          openClause = { index, found: entry, reading };
        } else {
          found.push({ responsibility: makeResponsibility(before, p, reading, clause), order: index });
        }
      }
    }

    for (const clause of readParenthesizedClauses(body, agencies, opts)) {
      found.push({ responsibility: makeResponsibility(clause.task, p, clause.reading, body.slice(...clause.range)), order: index });
      record(clause.reading, p.id);
      covered.push(clause.range);
    }
    for (const led of readLedBy(body, covered, agencies, opts)) {
      found.push({ responsibility: makeResponsibility(led.task, p, led.reading, led.quote), order: index });
      record(led.reading, p.id);
      covered.push(led.range);
    }
    mentionRunningText(text, covered, p.id);
  });

  const responsibilities = found.sort((a, b) => a.order - b.order).map((f) => f.responsibility);
  return { responsibilities, agencies: summarizeAgencies(events, responsibilities) };
}

/** One mention per canonical name: spellings, lead/cooperating counts, paragraphs; most involved first. */
function summarizeAgencies(events: readonly Event[], responsibilities: readonly Responsibility[]): AgencyMention[] {
  const byName = new Map<string, AgencyMention>();
  // Membership sets beside the lists: a long plan names one agency in thousands of paragraphs.
  const membership = new Map<string, Set<string>>();
  for (const { agency, paragraphId } of events) {
    let mention = byName.get(agency.name);
    if (!mention) {
      mention = { slug: agency.slug, name: agency.name, nameEn: agency.nameEn, variants: [], lead: 0, cooperating: 0, paragraphIds: [] };
      byName.set(agency.name, mention);
    }
    const known = membership.get(agency.name) ?? new Set<string>();
    membership.set(agency.name, known);
    const variant = agency.text;
    if (!known.has(`v:${variant}`)) (known.add(`v:${variant}`), mention.variants.push(variant));
    if (!known.has(`p:${paragraphId}`)) (known.add(`p:${paragraphId}`), mention.paragraphIds.push(paragraphId));
  }
  for (const r of responsibilities) {
    for (const name of r.lead) {
      const m = byName.get(name);
      if (m) m.lead++;
    }
    for (const name of r.cooperating) {
      const m = byName.get(name);
      if (m) m.cooperating++;
    }
  }
  const mentions = [...byName.values()].sort(
    (a, b) => b.lead - a.lead || b.cooperating - a.cooperating || b.paragraphIds.length - a.paragraphIds.length || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
  // Two names may share a pinyin slug (同音): keep slugs unique within the document.
  const seen = new Map<string, number>();
  return mentions.map((m) => {
    const n = (seen.get(m.slug) ?? 0) + 1;
    seen.set(m.slug, n);
    return n === 1 ? m : { ...m, slug: `${m.slug}-${n}` };
  });
}
