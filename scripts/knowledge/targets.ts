/**
 * Quantitative targets: every statement of a number a document commits to
 * reach (`到2016年…比重达到2.77%`, `由目前的10家增加到20家以上`), as an
 * indicator from `content/indicators/*.md` (or `other`), a normalised value
 * and unit, comparator, measure, baseline, target year and scope, with the
 * clause quoted verbatim.
 *
 * Conservative by design: a number counts only when a target verb
 * (达到 新增 建成 培育 …), a bound (以上 不低于 超过 …), a 力争/确保/争取, an
 * annual quota (每年) or a goals paragraph (主要目标: …) governs it, and never
 * when it is a date, a duration, a quoted name, a past figure, money
 * allocated, a count of entities selected or supported by a measure
 * (选择/遴选/支持 N家), a rule parameter (奖励不低于收益的80%), a count of a
 * list just enumerated (等N个) or the threshold of counted things
 * (年销售收入超100亿元企业2家). Measured against hand-labelled seed
 * paragraphs in `tests/knowledge-targets.test.ts`.
 */
import type { DocumentRecord, Paragraph, Section, Target } from '../../src/lib/schema.ts';
import type { IndicatorEntry } from '../../src/lib/vocabulary.ts';

type Measure = Target['measure'];
type Comparator = Target['comparator'];
type Doc = Pick<DocumentRecord, 'title' | 'year' | 'period' | 'sections' | 'paragraphs'>;

export interface TargetOptions {
  /** Titles of annual work plans, whose unmarked targets are for the year of issue. Default `要点`, `工作计划`, `工作安排`. */
  annualTitle: RegExp;
  /** Titles of reviews, where only sentences with a future marker hold targets. Default `总结`, `回顾`. */
  reviewTitle: RegExp;
  /** Section titles whose paragraphs state goals, so a bare number there is a target. Default `目标`, `指标`. */
  goalSection: RegExp;
  /** Section titles whose paragraphs report the past. Default `回顾`, `总结`, `成绩`, `完成情况`. */
  reviewSection: RegExp;
  /** A first sentence of a list item this short (characters) is the item's title: its counts name tasks. Default 30. */
  maxTitleLength: number;
}

export const defaultTargetOptions: TargetOptions = {
  annualTitle: /(?:工作)?要点|工作计划|工作安排|年度计划/u,
  reviewTitle: /总结|回顾/u,
  goalSection: /目标|指标/u,
  reviewSection: /回顾|总结|成绩|完成情况|进展情况/u,
  maxTitleLength: 30,
};

/* ── numbers and units ── */

/** Unit spellings → normalised unit (`名` counts people, `％` is `%`). */
const UNIT_NORMAL: Readonly<Record<string, string>> = {
  '％': '%',
  名: '人',
  百分点: '个百分点',
  平米: '平方米',
};
/** Units of a value, longest first; events (次, 场), time (年, 月) and 大/强 are deliberately absent. */
const UNITS = ['个百分点', '百分点', '人次', '平方米', '平米', '公顷', '台套', '%', '％', '元', '家', '户', '个', '件', '项', '人', '名', '位', '条', '所', '座', '种', '亩', '吨', '台', '套', '篇', '支'];
const COUNT_UNITS = new Set(['家', '户', '个', '件', '项', '人', '条', '所', '座', '种', '台', '套', '篇', '支']);
const MULTIPLIERS: Readonly<Record<string, number>> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 亿: 1e8, 千: 1e3 };

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const UNIT_ALT = UNITS.join('|');
const MULT_ALT = Object.keys(MULTIPLIERS).join('|');
/** An Arabic number or range, an optional 万/亿 multiplier and a unit: `50家`, `1-2名`, `2000亿元`, `3个百分点`. */
const VALUE_RE = new RegExp(String.raw`(?<![A-Za-z0-9.．/])(${NUM})(?:\s*(?:-|—|–|~|～|至|到)\s*(${NUM}))?\s*(${MULT_ALT})?\s*(${UNIT_ALT})`, 'gu');
/** Chinese numerals are read only right after an explicit verb (`过百家`, `增加到二十家`): elsewhere they name structure (`七个平台`, `十大行动`). */
const CN_VALUE_RE = new RegExp(
  String.raw`(达到|突破|超过|增加到|增至|提高到|提升到|增长到|(?<![到发表传抵送通])达|(?<![赶高])超|(?<![通经透路错度不超])过|逾)([零〇一二两三四五六七八九十百千万亿]+)(${UNIT_ALT})`,
  'gu',
);
const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** A number with its unit as written, normalised. */
export interface Quantity {
  value: number;
  /** Upper end of a range (`1-2家` → 2), else null. */
  upper: number | null;
  unit: string;
}

/** Normalises a number, its optional multiplier (`万`, `亿`) and unit: `2000`,`亿`,`元` → 2×10¹¹ 元; `170`,`万`,`人` → 1.7×10⁶ 人. */
export function normalizeQuantity(number: string, multiplier: string | undefined, unit: string, upper?: string): Quantity {
  const factor = multiplier ? (MULTIPLIERS[multiplier] ?? 1) : 1;
  const scale = (n: string): number => round(Number(n.replace(/,/gu, '')) * factor);
  return { value: scale(number), upper: upper === undefined ? null : scale(upper), unit: UNIT_NORMAL[unit] ?? unit };
}

/** Reads a simple Chinese numeral (`二十`, `一百二十`, `百`, `三万`); NaN when it is not one. */
export function parseChineseNumber(text: string): number {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch] ?? 0;
    } else if (ch in CN_SMALL_UNITS) {
      section += (digit ?? 1) * (CN_SMALL_UNITS[ch] ?? 1);
      digit = null;
    } else if (ch === '万' || ch === '亿') {
      total = (total + section + (digit ?? 0)) * (ch === '万' ? 1e4 : 1e8);
      section = 0;
      digit = null;
    } else {
      return Number.NaN;
    }
  }
  return total + section + (digit ?? 0);
}

/** Removes floating-point noise from multiplied values (1.7 × 10⁶, not 1699999.9999). */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

interface ValueHit extends Quantity {
  start: number;
  end: number;
  raw: string;
}

/** Every value in a text, in order, with its position (quoted names and ISO-like codes excluded by the caller). */
function findValues(text: string): ValueHit[] {
  const hits: ValueHit[] = [];
  for (const m of text.matchAll(VALUE_RE)) {
    const q = normalizeQuantity(m[1] ?? '', m[3], m[4] ?? '', m[2]);
    hits.push({ ...q, start: m.index, end: m.index + m[0].length, raw: m[0] });
  }
  for (const m of text.matchAll(CN_VALUE_RE)) {
    const numeral = m[2] ?? '';
    if (!/[一二两三四五六七八九十百千]/u.test(numeral)) continue;
    const n = parseChineseNumber(numeral);
    if (!Number.isFinite(n) || n <= 0) continue;
    const start = m.index + (m[1] ?? '').length;
    if (hits.some((h) => start < h.end && h.start < start + numeral.length)) continue;
    const unit = m[3] ?? '';
    hits.push({ value: n, upper: null, unit: UNIT_NORMAL[unit] ?? unit, start, end: m.index + m[0].length, raw: numeral + unit });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/* ── text structure: quotes, sentences, clauses ── */

interface Span {
  start: number;
  end: number;
}

const QUOTE_PAIRS: readonly (readonly [string, string])[] = [['“', '”'], ['‘', '’'], ['《', '》'], ['「', '」'], ['〔', '〕'], ['"', '"']];
/** A quoted name is short; a longer "quote" is an unbalanced mark, not a name. */
const MAX_QUOTE = 40;

/** Spans of quoted names (`“985工程”`, `《…》`), whose numbers are never values. */
function findQuotes(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(open, from);
      if (start < 0) break;
      const end = text.indexOf(close, start + 1);
      if (end < 0) break;
      if (end - start <= MAX_QUOTE) spans.push({ start, end: end + 1 });
      from = end + 1;
    }
  }
  return spans;
}

const inside = (spans: readonly Span[], at: number): boolean => spans.some((s) => at >= s.start && at < s.end);
/** The text with quoted names blanked out (same length, so positions stay valid). */
const blankQuotes = (text: string, quotes: readonly Span[]): string =>
  quotes.reduce((t, q) => t.slice(0, q.start) + '□'.repeat(q.end - q.start) + t.slice(q.end), text);

const SENTENCE_END = /[。！？!?|\n]/gu;
const CLAUSE_END = /[。！？!?|\n，,；;：:]/gu;

/** Splits a text into spans ending at a separator (a global regex); `1,000` and `9:30` do not split. */
function splitSpans(text: string, separators: RegExp): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(separators)) {
    const i = m.index;
    if ((m[0] === ',' || m[0] === ':') && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
    spans.push({ start, end: i });
    start = i + 1;
  }
  spans.push({ start, end: text.length });
  return spans;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

const spanAt = (spans: readonly Span[], at: number): Span => spans.find((s) => at >= s.start && at <= s.end) ?? { start: 0, end: 0 };

/* ── years ── */

interface YearPhrase extends Span {
  /** Years the phrase names, in order (several for `2004年-2006年` or `2013年、2015年`); empty for 每年. */
  years: number[];
  /** A phrase valid only within its sentence (每年: a recurring quota). */
  sentenceOnly: boolean;
  /** A baseline's year (`比2015年`): found so it is not read again, but never a target year. */
  ignored: boolean;
}

const YEAR_RANGE_RE = /(?<!\d)((?:19|20)\d{2})\s*年?\s*(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/gu;
const YEAR_LIST_RE = /(?<!\d)(?:19|20)\d{2}年(?:\s*[、,，和及]\s*(?:19|20)\d{2}年)+/gu;
const YEAR_RE = /(?<![\d〔[(（-])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*[-—–~～至]?\s*\d{0,2}\s*月|代|以来|度?\s*(?:-|—|–|~|～|至)\s*\d)/gu;
const FIVE_YEAR_PLAN_RE = /十([一二三四])五”?\s*(?:期间|期末|末|时期)/gu;
const WITHIN_YEARS_RE = /(\d{1,2}|[一二两三四五六七八九十])\s*年(?:内|之内|以内)/gu;
const THIS_YEAR_RE = /(?<![\d一二两三四五六七八九十])(?:年内|全年|今年|本年度)/gu;
const EVERY_YEAR_RE = /每年/gu;

/** Year phrases of a paragraph, in order; `docYear` resolves `年内`, `全年` and `N年内`. */
function findYearPhrases(text: string, quotes: readonly Span[], docYear: number | null): YearPhrase[] {
  const found: YearPhrase[] = [];
  const add = (start: number, end: number, years: number[], sentenceOnly = false, ignored = false): void => {
    if (found.some((p) => start < p.end && p.start < end)) return;
    found.push({ start, end, years, sentenceOnly, ignored });
  };
  for (const m of text.matchAll(YEAR_RANGE_RE)) {
    if (inside(quotes, m.index)) continue;
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to >= from && to - from <= 20) add(m.index, m.index + m[0].length, Array.from({ length: to - from + 1 }, (_, i) => from + i));
  }
  for (const m of text.matchAll(YEAR_LIST_RE)) {
    if (inside(quotes, m.index)) continue;
    add(m.index, m.index + m[0].length, [...m[0].matchAll(/\d{4}/gu)].map((y) => Number(y[0])));
  }
  for (const m of text.matchAll(YEAR_RE)) {
    if (inside(quotes, m.index)) continue;
    // `由2015年的1.8%`, `比2015年提高`: the year of a baseline, not of the target (but `从2004年起` starts one).
    const anchor = /(?:由|从|比|较|与|同|自)\s*$/u.test(text.slice(Math.max(0, m.index - 2), m.index)) && !/^\s*(?:起|开始)/u.test(text.slice(m.index + m[0].length));
    if (anchor) add(m.index, m.index + m[0].length, [], false, true);
    else add(m.index, m.index + m[0].length, [Number(m[1])]);
  }
  // “十三五”期间 ends in 2020: the quotes around a plan's name do not hide it.
  for (const m of text.matchAll(FIVE_YEAR_PLAN_RE)) add(m.index, m.index + m[0].length, [2005 + 5 * ('一二三四'.indexOf(m[1] ?? '') + 1)]);
  for (const m of text.matchAll(WITHIN_YEARS_RE)) {
    const n = /\d/u.test(m[1] ?? '') ? Number(m[1]) : parseChineseNumber(m[1] ?? '');
    if (docYear !== null && Number.isFinite(n) && !inside(quotes, m.index)) add(m.index, m.index + m[0].length, [docYear + n]);
  }
  for (const m of text.matchAll(THIS_YEAR_RE)) {
    if (docYear !== null && !inside(quotes, m.index)) add(m.index, m.index + m[0].length, [docYear]);
  }
  for (const m of text.matchAll(EVERY_YEAR_RE)) add(m.index, m.index + m[0].length, [], true);
  return found.sort((a, b) => a.start - b.start).filter((p) => !p.ignored);
}

/* ── verbs and markers ── */

/** Verbs that make the number after them a target. */
const TARGET_VERBS = [
  '达到', '突破', '超过', '增加到', '增至', '提高到', '提高至', '提升到', '提升至', '增长到', '增长', '提高', '提升', '增加', '递增',
  '新增', '新建', '新认定', '新引进', '新实施', '新培育', '认定', '引进', '建成', '建设', '建立', '构建', '打造', '形成', '培育', '培养',
  '孵化', '创建', '开发', '解决', '攻克', '推广', '实现', '完成', '拥有', '保持', '发展', '选认', '选派', '储备', '集聚', '服务',
  '梳理', '签订', '实施', '培训', '累计达', '控制在', '不低于', '不少于',
];
/** Verbs whose object is chosen for, supported by or organised in a measure: the number after them is not a target. */
const EXCLUDE_VERBS = [
  '选择', '遴选', '择优支持', '择优', '支持', '扶持', '资助', '安排', '设立', '拨付', '下达', '组织', '召开', '举办', '开展', '围绕', '聚焦',
  '抓好', '办好', '壮大', '做大做强', '做强做大', '涉及', '包括', '分为', '分解', '提取', '缴纳', '达成', '邀请', '奖励', '补助', '补贴',
];
const TARGET_VERB_SET = new Set(TARGET_VERBS);
/** Single-character verbs count only right before a number (`达600件`, `过百家`), not inside words (`发达`). */
/** A verb followed by one of these is a noun (`孵化器`, `发展规划`, `服务机构`), not an action. */
const NOUN_SUFFIX = '(?![器园区库站链]|基地|中心|平台|机构|体系|规划|方案|资金|基金|项目|能力|水平|机制|战略|用地|载体|业务|工作)';
const VERB_RE = new RegExp(
  `(?:${[...TARGET_VERBS, ...EXCLUDE_VERBS].sort((a, b) => b.length - a.length).join('|')})${NOUN_SUFFIX}|(?:(?<![到发表传抵送通])达|(?<![赶高])超|(?<![通经透路错度不超])过|逾)(?=[\\d零〇一二两三四五六七八九十百千])`,
  'gu',
);
const GROWTH_VERBS = new Set(['新增', '新建', '新认定', '新引进', '新实施', '新培育']);

const FUTURE_MARKER = /力争|确保|争取|目标|计划|预计|努力/u;
const PAST_MARKER = /截至|截止|已经|已(?:达|超|突破|完成|实现|增长|提高|有|建)|(?:达到|实现|完成|增长|提高|突破|超过|新增|引进|认定|建成)了|去年|上一年|过去/u;
/** Reporting, not planning: a year-on-year change without a future marker or a bound. */
const REPORT_MARKER = /同比|比上年|比去年/u;
/** Clauses setting an incentive's parameters (奖励不低于收益额的80%): shares and money there are rules, not targets. */
const RULE_CLAUSE = /奖励|补助|补贴|资助|贴息|缴纳|所得税|收益|扣除|抵扣|罚款|收费/u;
/** Money the government allocates is an input, not a target. */
const ALLOCATION_CLAUSE = /安排|设立|拨付|下达|筹集|出资|补助|奖励|资助/u;
const GOAL_MARKER = /(?:目标|指标)(?:是|为|如下)?\s*[:：]/u;
const SCOPE_RE = /^(全国|全省|全市|全州|全县|全区|全盟|全旗|全乡|全镇|县域|市本级|省本级|县本级|区本级|本级|各县市区|各县\(市、区\)|各县（市、区）|各区县|各区市|各县区|区内|园区内)/u;

/* ── indicators ── */

interface CompiledIndicator {
  entry: IndicatorEntry;
  terms: { term: string; weight: number }[];
  patterns: { re: RegExp; weight: number }[];
}

interface CompiledVocabulary {
  entries: CompiledIndicator[];
  /** Answers already given, by unit, measure and phrase (phrases repeat across a corpus). */
  memo: Map<string, string | null>;
}

const MAX_MEMO = 50_000;
const compiledCache = new WeakMap<readonly IndicatorEntry[], CompiledVocabulary>();

/** Indicator entries with their patterns compiled once per vocabulary. */
function compileIndicators(indicators: readonly IndicatorEntry[]): CompiledVocabulary {
  let compiled = compiledCache.get(indicators);
  if (!compiled) {
    compiled = {
      entries: indicators.map((entry) => ({
        entry,
        terms: [...entry.terms].sort((a, b) => b.term.length - a.term.length),
        patterns: entry.patterns.map((p) => ({ re: new RegExp(p.pattern, 'u'), weight: p.weight })),
      })),
      memo: new Map(),
    };
    compiledCache.set(indicators, compiled);
  }
  return compiled;
}

/** The indicator a phrase names: the entry with the highest weight of terms and patterns found, among those its unit and measure allow. */
export function matchIndicator(phrase: string, unit: string, measure: Measure, indicators: readonly IndicatorEntry[]): string | null {
  const { entries, memo } = compileIndicators(indicators);
  const key = `${unit}\u0000${measure}\u0000${phrase}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const slug = scoreIndicators(phrase, unit, measure, entries);
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, slug);
  return slug;
}

function scoreIndicators(phrase: string, unit: string, measure: Measure, entries: readonly CompiledIndicator[]): string | null {
  let best: { slug: string; score: number; longest: number } | null = null;
  for (const { entry, terms, patterns } of entries) {
    if (entry.units.length > 0 && !entry.units.includes(unit)) continue;
    if (!entry.measures.includes(measure)) continue;
    if (entry.exclude.some((x) => phrase.includes(x))) continue;
    if (entry.requires.length > 0 && !entry.requires.some((x) => phrase.includes(x))) continue;
    let score = 0;
    let longest = 0;
    for (const t of terms) {
      if (!phrase.includes(t.term)) continue;
      score += t.weight;
      longest = Math.max(longest, t.term.length);
    }
    for (const p of patterns) if (p.re.test(phrase)) score += p.weight;
    if (score <= 0) continue;
    if (!best || score > best.score || (score === best.score && longest > best.longest)) best = { slug: entry.slug, score, longest };
  }
  return best?.slug ?? null;
}

/* ── labels ── */

const LEADING_NOISE = /^(?:[\s、，,：:;；]+|及以上|以上|以内|以下|左右|上下|[(（]?\d{1,2}[.、．)）]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、是]|其中|同时|并且|并|且|按|比(?!重|例)|较(?![大高快好])|力争|确保|争取|努力|计划|要|应|将|使|推动|实现|拥有|到|我市|本市|我省|本省|我县|本县|我区|我州|我乡|我镇)/u;
const TRAILING_NOISE =
  /(?:[\s、，,：:;；]+|(?:较|比)(?:上年|去年|上一年|上)(?:同期)?|全国|全省|全市|全州|全县|全区|前|按|分别|累计|达到|达|超过|突破|超|过|逾|增加到|增至|提高到|提高至|提升到|提升至|增长到|年均增长|平均增长|年增长率?|增长|提高|提升|增加|递增|保持在|保持|实现|控制在|不低于|不少于|不超过|不高于|至少|约|近|为|在|要|应|力争|确保|争取|再|均|都|的)$/u;
const YEAR_NOISE = /(?:从|到|至)?(?:19|20)\d{2}\s*年?(?:\s*[-—–~～至到、]\s*(?:19|20)\d{2}\s*年)*(?:底|末|前|以前|起|年底)?|“?十[一二三四]五”?(?:期间|期末|末|时期)|(?:\d{1,2}|[一二两三四五六七八九十])年(?:内|之内|以内)|每年|全年|年内|今年|本年度/gu;
const BASELINE_TAIL = /(?:要)?(?:由|从)[^，,；;]*?(?:增加|提高|提升|增长|扩大|上升)(?:到|至)的?$/u;

/** Strips years, list markers, scope words and verbs from an indicator phrase; returns the phrase and the scope found. */
function cleanLabel(raw: string): { label: string; scope: string | null } {
  let s = raw.replace(YEAR_NOISE, '').replace(BASELINE_TAIL, '');
  let scope: string | null = null;
  for (let guard = 0; guard < 12; guard++) {
    const before = s;
    const sc = SCOPE_RE.exec(s);
    if (sc) {
      scope ??= sc[1] ?? null;
      s = s.slice(sc[0].length);
    }
    s = s.replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '');
    if (s === before) break;
  }
  return { label: s.trim(), scope };
}

/** The noun phrase after a value (`培育20个品牌产品` → `品牌产品`), up to the clause's end or the next value. */
function nounAfter(text: string, from: number, to: number): string {
  return text
    .slice(from, to)
    .replace(/^\s*(?:及以上|以上|以内|以下|左右|上下|多|余)?\s*的?/u, '')
    .replace(/[、和及与\s]+$/u, '')
    .trim();
}

/* ── extraction ── */

/** A phrase before a value at most this long leads the noun after it in the indicator label. */
const MAX_LEAD = 10;

interface Decided {
  hit: ValueHit;
  target: Target;
  sentence: Span;
}

/** A paragraph without a digit or a Chinese numeral after a verb (`过百家`) has no value: skipped before any other work. */
const HAS_NUMBER = /[0-9]|[达超过逾到至][零〇一二两三四五六七八九十百千]/u;

/** Finds the quantitative targets of a document (pure: the record is not changed). */
export function extractTargets(doc: Doc, indicators: readonly IndicatorEntry[], options: Partial<TargetOptions> = {}): Target[] {
  const opts = { ...defaultTargetOptions, ...options };
  const titles = sectionTitles(doc.sections);
  const isAnnual = doc.year !== null && opts.annualTitle.test(doc.title);
  const fallbackYear = doc.period?.end ?? (isAnnual ? doc.year : null);
  const isReview = opts.reviewTitle.test(doc.title);
  const targets: Target[] = [];
  for (const paragraph of doc.paragraphs) {
    if (!HAS_NUMBER.test(paragraph.text)) continue;
    const path = paragraph.sectionPath.map((id) => titles.get(id) ?? '');
    if (path.some((t) => opts.reviewSection.test(t))) continue;
    const context: ParagraphContext = {
      goal: path.some((t) => opts.goalSection.test(t) && !/保障|措施|考核/u.test(t)),
      review: isReview,
      docYear: doc.year,
      fallbackYear,
      options: opts,
    };
    targets.push(...extractFromParagraph(paragraph, indicators, context));
  }
  return targets;
}

interface ParagraphContext {
  /** The paragraph sits under a goals heading. */
  goal: boolean;
  /** The document reviews the past: targets need a future marker. */
  review: boolean;
  docYear: number | null;
  fallbackYear: number | null;
  options: TargetOptions;
}

/** Targets of one paragraph, in text order. */
function extractFromParagraph(
  paragraph: Pick<Paragraph, 'id' | 'text' | 'line' | 'kind'>,
  indicators: readonly IndicatorEntry[],
  context: ParagraphContext,
): Target[] {
  const text = paragraph.text;
  const hits = findValues(text);
  if (hits.length === 0) return [];
  const quotes = findQuotes(text);
  const plain = blankQuotes(text, quotes);
  const sentences = splitSpans(text, SENTENCE_END);
  const clauses = splitSpans(text, CLAUSE_END);
  const years = findYearPhrases(text, quotes, context.docYear);
  const verbs = [...plain.matchAll(VERB_RE)].map((m) => ({ verb: m[0], start: m.index, end: m.index + m[0].length }));
  const titleEnd = titleSentenceEnd(paragraph, text, sentences, years, context.options);
  const goalFrom = context.goal ? 0 : (GOAL_MARKER.exec(plain)?.index ?? Number.POSITIVE_INFINITY);

  const decided: Decided[] = [];
  const consumed = new Set<ValueHit>();
  const baselineOf = new Map<ValueHit, NonNullable<Target['baseline']>>();
  const thresholds = new Set(hits.filter((h, i) => isThreshold(text, h, hits[i - 1], hits[i + 1])));
  let previous: Decided | null = null;

  hits.forEach((hit, index) => {
    if (consumed.has(hit)) return;
    const sentence = spanAt(sentences, hit.start);
    const clause = spanAt(clauses, hit.start);
    const clausePlain = plain.slice(clause.start, clause.end);
    const before = plain.slice(clause.start, hit.start);
    const after = plain.slice(hit.end, clause.end);
    const sentenceBefore = plain.slice(sentence.start, hit.start);
    const next = hits[index + 1];
    const samePrevious = previous !== null && previous.sentence.start === sentence.start ? previous : null;

    if (inside(quotes, hit.start)) return;
    if (/[等第]\s*$/u.test(text.slice(Math.max(0, hit.start - 1), hit.start))) return;
    if (hit.start < titleEnd) return;
    const sentencePlain = plain.slice(sentence.start, sentence.end);
    if (PAST_MARKER.test(sentenceBefore + after)) return;
    if (REPORT_MARKER.test(sentencePlain) && !FUTURE_MARKER.test(sentencePlain) && !/^\s*(?:及)?以上/u.test(after)) return;
    if (context.review && !FUTURE_MARKER.test(sentencePlain)) return;
    if ((hit.unit === '%' || hit.unit === '元') && RULE_CLAUSE.test(clausePlain)) return;
    if (hit.unit === '元' && ALLOCATION_CLAUSE.test(clausePlain)) return;
    if (thresholds.has(hit)) return;
    // `对研发投入超过500万元的企业，…给予补助`: a condition on who qualifies, not a target.
    if (/^的/u.test(text.slice(hit.end)) && /^\s*对/u.test(before)) return;

    // Baseline: `由目前的10家增加到20家以上` — the first value is where the second starts from.
    if (next && isBaseline(text, hit, next)) {
      consumed.add(hit);
      baselineOf.set(next, { value: hit.value, unit: hit.unit, year: yearIn(text.slice(Math.max(0, hit.start - 10), hit.start)) });
      return;
    }

    const nearest = lastBefore(verbs, hit.start, clause.start);
    if (nearest && !TARGET_VERB_SET.has(nearest.verb) && !/^[达超过逾]$/u.test(nearest.verb)) return;

    const bound = /^\s*(?:及以上|以上|以内|以下|左右|上下|多|余)/u.test(after) || /(?:不低于|不少于|至少|不超过|不高于|控制在|前)\s*$/u.test(before);
    const verbInClause = verbs.some((v) => v.start >= clause.start && v.end <= clause.end);
    const isTarget =
      nearest !== undefined ||
      bound ||
      FUTURE_MARKER.test(sentenceBefore) ||
      hit.start > goalFrom ||
      /每年/u.test(sentenceBefore) ||
      (samePrevious !== null && !verbInClause);
    if (!isTarget) return;

    const baseline = baselineOf.get(hit) ?? null;
    // The phrase naming the indicator starts after the last target (or baseline) of the clause.
    const ends = decided.map((d) => d.hit.end).filter((end) => end > clause.start && end <= hit.start);
    const labelFrom = Math.max(clause.start, ...ends);
    const target = buildTarget({ paragraph, text, plain, hit, clause, clauses, sentence, hits, index, years, nearest, samePrevious, baseline, labelFrom, thresholds, indicators, context });
    if (target === null) return;
    const entry: Decided = { hit, target, sentence };
    decided.push(entry);
    previous = entry;
  });
  return decided.map((d) => d.target);
}

/** The last verb that ends before `at` and starts at or after `from`. */
function lastBefore<T extends Span>(items: readonly T[], at: number, from: number): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as T;
    if (item.end <= at) return item.start >= from ? item : undefined;
  }
  return undefined;
}

/** End of a list item's title sentence (`2.培育壮大10个…产业集群。`), whose counts name the task; 0 when there is none. */
function titleSentenceEnd(paragraph: Pick<Paragraph, 'kind'>, text: string, sentences: readonly Span[], years: readonly YearPhrase[], options: TargetOptions): number {
  if (paragraph.kind !== 'list-item' && paragraph.kind !== 'table-row') return 0;
  const first = sentences[0];
  if (!first || sentences.length < 2 || text[first.end] !== '。') return 0;
  const rest = text.slice(first.end + 1).trim();
  if (rest.length === 0 || first.end - first.start > options.maxTitleLength) return 0;
  const title = text.slice(first.start, first.end);
  if (years.some((y) => y.start < first.end && y.years.length > 0) || /达到|力争|确保/u.test(title)) return 0;
  return first.end;
}

/** A value that qualifies counted things (`年销售收入超100亿元企业2家`, `3-4个年销售收入过5亿元的企业`): part of their description. */
function isThreshold(text: string, hit: ValueHit, prev: ValueHit | undefined, next: ValueHit | undefined): boolean {
  const qualifier = /[超过]\s*$/u.test(text.slice(Math.max(0, hit.start - 1), hit.start)) || /^的/u.test(text.slice(hit.end));
  if (next && COUNT_UNITS.has(next.unit) && next.start - hit.end <= 6 && !/[，,；;。、]/u.test(text.slice(hit.end, next.start)) && /[超过]\s*$/u.test(text.slice(Math.max(0, hit.start - 1), hit.start))) {
    return true;
  }
  return qualifier && prev !== undefined && COUNT_UNITS.has(prev.unit) && !/[，,；;。、]/u.test(text.slice(prev.end, hit.start));
}

/** `由目前的10家增加到20家`: the first value is the baseline of the second. */
function isBaseline(text: string, hit: ValueHit, next: ValueHit): boolean {
  const between = text.slice(hit.end, next.start);
  if (!/^\s*(?:的水平)?\s*(?:增加|提高|提升|增长|扩大|上升|发展)(?:到|至)\s*(?:(?:19|20)\d{2}\s*年(?:底|末)?)?\s*的?\s*$/u.test(between)) return false;
  return /(?:由|从)(?:目前|现在|现有|当前|(?:19|20)\d{2}\s*年(?:底|末)?)?的?\s*$/u.test(text.slice(Math.max(0, hit.start - 10), hit.start));
}

/** The first four-digit year in a text (`从2015年的` → 2015), or null. */
function yearIn(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/u.exec(text);
  return m ? Number(m[1]) : null;
}

interface BuildInput {
  paragraph: Pick<Paragraph, 'id' | 'text' | 'line'>;
  text: string;
  plain: string;
  hit: ValueHit;
  clause: Span;
  clauses: readonly Span[];
  sentence: Span;
  hits: readonly ValueHit[];
  index: number;
  years: readonly YearPhrase[];
  nearest: { verb: string; start: number; end: number } | undefined;
  samePrevious: Decided | null;
  baseline: Target['baseline'];
  labelFrom: number;
  /** Values that only qualify counted things; they belong to the indicator phrase. */
  thresholds: ReadonlySet<ValueHit>;
  indicators: readonly IndicatorEntry[];
  context: ParagraphContext;
}

/** The Target for a value decided to be one: year, comparator, measure, indicator, label, scope and quote. */
function buildTarget(input: BuildInput): Target | null {
  const { paragraph, text, plain, hit, clause, clauses, sentence, hits, index, years, nearest, samePrevious, baseline, labelFrom, thresholds, indicators, context } = input;
  const before = plain.slice(clause.start, hit.start);
  const after = plain.slice(hit.end, clause.end);

  const targetYear = resolveYear(text, hit, clause, sentence, hits, years, context);
  if (targetYear !== null && context.docYear !== null && targetYear < context.docYear && !FUTURE_MARKER.test(plain.slice(sentence.start, sentence.end))) return null;

  const comparator = resolveComparator(before, after, hit);
  const measure = resolveMeasure(text, before, after, hit, nearest, samePrevious, plain.slice(labelFrom, hit.start));

  // The phrase naming the indicator: before the value (`高新技术企业达到50家`), or after it when the
  // counted noun follows (`培育20个品牌产品`, `80%以上创新型企业`), or in the clause before (`…中心,要由目前的10家增加到20家`).
  const next = hits.slice(index + 1).find((h) => !thresholds.has(h));
  const nounEnd = next && next.start < clause.end ? next.start : clause.end;
  const rawBefore = text.slice(labelFrom, hit.start).trim();
  let { label, scope } = cleanLabel(rawBefore);
  const noun = nounAfter(text, hit.end, nounEnd);
  const attributive = /^的/u.test(text.slice(hit.end)) && hit.unit !== '%';
  let quoteStart = clause.start;
  if (noun.length > 0 && !/^[、，,]/u.test(noun) && !/^(?:增长|递增|提高|提升|增加)/u.test(noun)) {
    // A list item (`…、100家创客空间`) is named by its noun alone; a short phrase before leads the noun
    // (`建成年产` + `钢材的…基地`); a long one is replaced by its verb (`柔性选派…` → `选派科研人员…`).
    const verb = nearest && nearest.verb.length > 1 ? nearest.verb : '';
    if (/、$/u.test(rawBefore)) label = noun;
    else if (attributive && label.length > 0) label = label.replace(/[超过逾]$/u, '');
    else if (label.length <= MAX_LEAD) label = `${label}${/的$/u.test(rawBefore) && label.length > 0 ? '的' : ''}${noun}`;
    else label = `${verb}${noun}`;
  } else if (label.length === 0) {
    const prior = clauses[clauses.indexOf(clause) - 1];
    if (prior && prior.start >= sentence.start && !hits.some((h) => h.start >= prior.start && h.start < prior.end)) {
      const fromPrior = cleanLabel(text.slice(prior.start, prior.end));
      if (fromPrior.label.length > 0) {
        label = fromPrior.label;
        scope ??= fromPrior.scope;
        quoteStart = prior.start;
      }
    }
  }
  // `研发经费支出年均增长20%，达到30亿元`: a value with no phrase of its own continues the previous target's.
  if (label.length === 0 && samePrevious) label = samePrevious.target.indicatorLabel;
  if (scope === null) scope = cleanLabel(text.slice(clause.start, hit.start)).scope;
  // `分别达到83件、108件、146件`: a bare item of a list of values shares the first item's phrase and indicator.
  const bareItem = samePrevious !== null && samePrevious.target.unit === hit.unit && /^[\s、,，和及与]*$/u.test(text.slice(samePrevious.hit.end, hit.start));
  if (bareItem) {
    label = samePrevious.target.indicatorLabel;
    scope = samePrevious.target.scope;
  }

  // The indicator: from the phrase; else from the phrase and the rest of the clause (`80%以上…企业建立研发机构`);
  // else, for `2家进入国家级行列`, from the clause before; else an item of a list of shares takes the list's indicator.
  const priorOfClause = clauses[clauses.indexOf(clause) - 1];
  const verbLed = before.trim().length === 0 && /^(?:进入|成为|达到|列入|实现|通过|获得|建成)/u.test(noun);
  const inherits =
    samePrevious !== null &&
    samePrevious.target.unit === hit.unit &&
    listContinues(text, samePrevious.hit, hit) &&
    (/^其中/u.test(text.slice(clause.start, hit.start)) || (hit.unit === '%' && !/[占率额量值数]|比重|比例/u.test(label)));
  if (inherits && samePrevious && label.length <= 1) label = samePrevious.target.indicatorLabel;
  const indicator =
    (bareItem ? samePrevious.target.indicator : null) ??
    matchIndicator(label, hit.unit, measure, indicators) ??
    matchIndicator(`${label}${text.slice(hit.end, clause.end)}`, hit.unit, measure, indicators) ??
    (verbLed && priorOfClause && priorOfClause.start >= sentence.start ? matchIndicator(text.slice(priorOfClause.start, priorOfClause.end), hit.unit, measure, indicators) : null) ??
    (inherits ? samePrevious.target.indicator : null) ??
    'other';

  // Quote: the clause, with a clause before it that only gives the year (`到2020年,`).
  const priorClause = clauses[clauses.indexOf(clause) - 1];
  if (quoteStart === clause.start && priorClause && priorClause.start >= sentence.start) {
    const priorText = text.slice(priorClause.start, priorClause.end);
    if (/^\s*(?:[(（]?\d{1,2}[.、．)）])?\s*(?:力争|确保|争取)?\s*(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:底|末)?\s*$/u.test(priorText)) quoteStart = priorClause.start;
  }

  return {
    indicator,
    indicatorLabel: label || hit.raw,
    value: hit.value,
    unit: hit.unit,
    comparator,
    measure,
    baseline,
    targetYear,
    scope,
    paragraphId: paragraph.id,
    line: paragraph.line,
    quote: text.slice(quoteStart, clause.end).trim(),
  };
}

/** The year a value is to be reached by: the latest year phrase before it, one year per value after `分别`, else the fallback. */
function resolveYear(text: string, hit: ValueHit, clause: Span, sentence: Span, hits: readonly ValueHit[], years: readonly YearPhrase[], context: ParagraphContext): number | null {
  const phrase = [...years].reverse().find((y) => y.end <= hit.start && (!y.sentenceOnly || y.start >= sentence.start));
  if (!phrase) return context.fallbackYear;
  if (phrase.years.length === 0) return null;
  if (phrase.years.length === 1) return phrase.years[0] ?? null;
  const respectively = text.lastIndexOf('分别', hit.start);
  if (respectively >= phrase.end && respectively >= sentence.start) {
    const listed = hits.filter((h) => h.start > respectively && h.start < clause.end && h.unit === hit.unit);
    const position = listed.indexOf(hit);
    if (position >= 0 && position < phrase.years.length) return phrase.years[position] ?? null;
  }
  return phrase.years[phrase.years.length - 1] ?? null;
}

/** `gte` for 以上/不低于 and ranges, `gt` for 超过/突破/过, `lte` for 以内/不超过/前N位, `approx` for 左右/约; else `eq`. */
function resolveComparator(before: string, after: string, hit: ValueHit): Comparator {
  if (/^\s*(?:及以上|以上)/u.test(after)) return 'gte';
  if (/^\s*(?:以内|以下)/u.test(after)) return 'lte';
  if (/^\s*(?:左右|上下)/u.test(after)) return 'approx';
  if (/^\s*(?:多|余)/u.test(after)) return 'gt';
  if (/(?:不低于|不少于|至少|不小于)\s*$/u.test(before)) return 'gte';
  if (/(?:不超过|不高于|不多于|控制在)\s*$/u.test(before)) return 'lte';
  if (/前\s*$/u.test(before)) return 'lte';
  if (/(?:超过|突破|高于|多于|[超过逾])\s*$/u.test(before)) return 'gt';
  if (/(?:低于|少于)\s*$/u.test(before)) return 'lt';
  if (/(?:约|近|大约)\s*$/u.test(before)) return 'approx';
  return hit.upper !== null ? 'gte' : 'eq';
}

/** `annual-growth` for 年均/年增长/每年…递增, `growth` for 增长/提高 by, 个百分点 and 新增/新建/再…, else `level`. */
function resolveMeasure(text: string, before: string, after: string, hit: ValueHit, nearest: BuildInput['nearest'], samePrevious: Decided | null, phrase: string): Measure {
  if (/(?:年均|年平均|平均每年|平均)(?:增长|递增|提高)|年均|(?<![上去前今本当])年(?:增长|递增|新增)/u.test(before)) return 'annual-growth';
  if (/每年/u.test(before) && /^\s*[^，,；;。]{0,4}?(?:递增|增长)/u.test(after)) return 'annual-growth';
  if (/保持/u.test(before) && /^\s*(?:以上)?的?增长/u.test(after)) return 'annual-growth';
  if (/(?:增长|递增|提高|提升|增加|上升)(?:率)?(?:在|为)?\s*$/u.test(before) || /^\s*(?:以上)?的?增长/u.test(after)) return 'growth';
  if (hit.unit === '个百分点' && !/(?:到|至)\s*$/u.test(before)) return 'growth';
  // `新增国家级科技企业孵化器3家`: a 新增 anywhere in the item's phrase makes it an increment.
  if (/新增|新建|新认定|新引进|新实施|新培育/u.test(phrase)) return 'growth';
  if (nearest) {
    if (GROWTH_VERBS.has(nearest.verb) || /(?:新增|再)\s*$/u.test(text.slice(Math.max(0, nearest.start - 2), nearest.start))) return 'growth';
    return 'level';
  }
  return samePrevious && listContinues(text, samePrevious.hit, hit) ? samePrevious.target.measure : 'level';
}

/** Two values are items of one list when only commas and 、 separate them (a `；` starts a new item of a goals list). */
function listContinues(text: string, previous: ValueHit, hit: ValueHit): boolean {
  return !/[；;。]/u.test(text.slice(previous.end, hit.start));
}

/** Section id → title, over the whole heading tree. */
function sectionTitles(sections: readonly Section[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (list: readonly Section[]): void => {
    for (const s of list) {
      out.set(s.id, s.title);
      walk(s.children);
    }
  };
  walk(sections);
  return out;
}
