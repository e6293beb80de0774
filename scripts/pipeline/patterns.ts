/**
 * Shared text patterns of Chinese policy documents: heading numbering,
 * document-type endings, titles, agency names, years in Arabic or Chinese
 * numerals. Pure functions over strings.
 */
import type { DocType } from '../../src/lib/schema.ts';

export const CN_DIGITS = '〇零一二三四五六七八九十百千两';
const CN_NUM = `[${CN_DIGITS}]+`;

/** Heading numbering styles, outermost style first as commonly used. */
export const HEADING_MARKERS: readonly { style: string; pattern: RegExp }[] = [
  { style: 'chapter', pattern: new RegExp(`^第${CN_NUM}[章编]\\s*`, 'u') },
  { style: 'part', pattern: new RegExp(`^第${CN_NUM}[节部分]+\\s*`, 'u') },
  { style: 'cn-dun', pattern: new RegExp(`^${CN_NUM}\\s*[、.．]\\s*`, 'u') },
  { style: 'cn-paren', pattern: new RegExp(`^[(（]${CN_NUM}[)）][、,，.．]?\\s*`, 'u') },
  { style: 'arabic', pattern: /^\d{1,2}\s*(?:[、．]|\.(?!\d))\s*/u },
  { style: 'arabic-paren', pattern: /^[(（]\d{1,2}[)）][、,，.．]?\s*/u },
  { style: 'circled', pattern: /^[①-⑳]\s*/u },
  { style: 'shi', pattern: new RegExp(`^${CN_NUM}是`, 'u') },
  { style: 'article', pattern: new RegExp(`^第${CN_NUM}条\\s*`, 'u') },
];

/** The numbering style and marker at the start of a line, if any. */
export function headingMarker(text: string): { style: string; marker: string } | null {
  for (const { style, pattern } of HEADING_MARKERS) {
    const hit = pattern.exec(text);
    if (hit) return { style, marker: hit[0] };
  }
  return null;
}

/** Document-type endings, longest first so `实施方案` wins over `方案`. */
const DOC_TYPE_ENDINGS: readonly [string, DocType][] = [
  ['实施意见', '实施意见'],
  ['指导意见', '意见'],
  ['若干意见', '意见'],
  ['意见', '意见'],
  ['实施方案', '实施方案'],
  ['工作方案', '工作方案'],
  ['行动方案', '行动方案'],
  ['方案', '方案'],
  ['工作要点', '工作要点'],
  ['要点', '要点'],
  ['实施细则', '实施细则'],
  ['细则', '细则'],
  ['管理办法', '办法'],
  ['实施办法', '办法'],
  ['暂行办法', '办法'],
  ['办法', '办法'],
  ['规定', '规定'],
  ['通知', '通知'],
  ['决定', '决定'],
  ['规划', '规划'],
  ['纲要', '纲要'],
  ['行动计划', '行动计划'],
  ['计划', '计划'],
  ['工作报告', '报告'],
  ['报告', '报告'],
  ['工作总结', '总结'],
  ['总结', '总结'],
];

/** Characters of a trailing year or period such as `2015年—2020年` or `(2015-2020)`. */
const TAIL_YEAR_CHAR = /[\s\d年—–\-~至到()（）]/u;
const TAIL_WORDS = ['范文大全', '范文', '模板', '全文'];

/**
 * A title without its trailing decorations: `(2015年—2020年)`, `(试行)`, `(征求意见稿)`, template
 * suffixes `范文`, `(参考)`, `全文`, years. It strips what the regex
 * `(?:\s*(?:[(（][^()（）]{0,20}[)）]|范文(?:大全)?|模板|全文|[Y]*[\d年][Y]*))+$` (Y: year characters)
 * would, but in linear time: that regex backtracked exponentially on a run of digits (20 digits took
 * 18 s; a 40-digit number in a seed line never finished). `ok[i]`: the text from `i` on is decorations only.
 */
function stripTitleTail(title: string): string {
  const n = title.length;
  const ok = new Array<boolean>(n + 1).fill(false);
  ok[n] = true;
  let runEnd = n; // end of the run of year characters that holds position i
  let digit = -1; // first 年 or digit at or after i in that run (-1: none)
  let lastOk = -1; // largest j in (i, runEnd] with ok[j] (-1: none)
  let core = n;
  for (let i = n - 1; i >= 0; i--) {
    const ch = title[i] ?? '';
    if (TAIL_YEAR_CHAR.test(ch)) {
      if (!TAIL_YEAR_CHAR.test(title[i + 1] ?? '')) [runEnd, digit, lastOk] = [i + 1, -1, -1];
      if (ok[i + 1]) lastOk = Math.max(lastOk, i + 1);
      if (/[\d年]/u.test(ch)) digit = i;
    } else {
      [runEnd, digit, lastOk] = [i, -1, -1];
    }
    // A year run from i: it must hold a digit or 年 and end where decorations (or the title) end.
    let found = digit >= 0 && lastOk > digit;
    // A word or bracketed note, after optional white space.
    let k = i;
    while (!found && k < n && /\s/u.test(title[k] ?? '')) k++;
    if (!found && (title[k] === '(' || title[k] === '（')) {
      for (let j = k + 1; j <= Math.min(n - 1, k + 21); j++) {
        const c = title[j];
        if (c === '(' || c === '（') break;
        if (c === ')' || c === '）') {
          found = ok[j + 1] === true;
          break;
        }
      }
    }
    if (!found) found = TAIL_WORDS.some((word) => title.startsWith(word, k) && ok[k + word.length] === true);
    ok[i] = found;
    if (found) core = i;
  }
  return title.slice(0, core);
}

const TEMPLATE_SUFFIX = /(?:范文(?:大全)?|模板|[(（](?:参考|范文|模板)[)）])+$/u;

/** Removes template-site suffixes (`范文`, `(参考)`) from a title. */
export function stripTemplateSuffix(title: string): string {
  return title.replace(TEMPLATE_SUFFIX, '').trim();
}

/** The document type a title ends with (ignoring trailing parentheticals), or null. */
export function docTypeOfTitle(title: string): { docType: DocType; ending: string } | null {
  const core = stripTitleTail(title);
  for (const [ending, docType] of DOC_TYPE_ENDINGS) if (core.endsWith(ending)) return { docType, ending };
  return null;
}

const SENTENCE_PUNCT = /[。;；!！?？]/u;

/**
 * Whether a line looks like a document title: short, no sentence punctuation,
 * no heading numbering, ending with a document type (or a template suffix).
 */
export function isTitleCandidate(text: string): boolean {
  if (text.length < 4 || text.length > 90) return false;
  if (SENTENCE_PUNCT.test(text)) return false;
  if (/^[《“"]/u.test(text)) return false;
  if (headingMarker(text)) return false;
  if (/^[^(（]{1,8}[:：]/u.test(text)) return false;
  return docTypeOfTitle(text) !== null;
}

/** A year range such as `2015年—2020年` or `2004-2006年` (start and end years captured). */
export const PERIOD_RANGE = /((?:19|20)\d{2})\s*年?\s*[—–\-~至到－]+\s*((?:19|20)\d{2})\s*年?/u;

/** An attachment line: `附件:1.…工作目标分解表`. */
export const ATTACHMENT = /^附件\s*\d*\s*[:：]?/u;

/** A 发文字号 anywhere in a line (global): issuer prefix, year and serial captured. */
export const DOC_NUMBER = /([\p{Script=Han}]{1,12}?)\s*[〔[(（【]\s*((?:19|20)\d{2})\s*[〕\])）】]\s*(\d{1,4})\s*号/gu;

/**
 * The document numbers in a text. DOC_NUMBER tries its Han prefix at every position, which made it the costliest
 * pattern of the pipeline on long paragraphs; a text without 号 cannot hold one and is skipped.
 */
export function docNumbersIn(text: string): RegExpExecArray[] {
  return text.includes('号') ? [...text.matchAll(DOC_NUMBER)] : [];
}

/** A line that is only a 发文字号: `潭市发〔2004〕6号`, `湘政发（2016）12号`. */
export const DOC_NUMBER_LINE = /^[^,，。;；]{0,16}[〔[(（【]\s*(?:19|20)\d{2}\s*[〕\])）】]\s*\d{1,4}\s*号$/u;

/** A line that is only a date: `二〇一六年七月八日`, `2016年7月`. */
export const DATE_LINE = /^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d〇零一二三四五六七八九十]{1,3}\s*月(?:\s*[\d〇零一二三四五六七八九十]{1,3}\s*日)?$/u;

/** A compilation marker: `第二篇:2008年科技工作要点`. */
export const COMPILATION_MARKER = new RegExp(`^第${CN_NUM}篇\\s*[:：、.．]?\\s*`, 'u');

/** Whether a line reads as running prose (a real body line, not chrome or a heading). */
export function isProse(text: string): boolean {
  return text.length >= 30 && /[,，、。;；]/u.test(text);
}

/** Sentence-final punctuation (a paragraph that ends without one may be cut). */
export const TERMINAL_PUNCT = /[。!！?？;；…:：)）\]”」』"'》]$/u;

/** Agency name endings used to recognise issuer lines and table cells of lead/cooperating agencies. */
export const AGENCY_SUFFIX =
  '(?:人民政府|政府|办公厅|办公室|委员会|管委会|管理委员会|领导小组|党委|市委|县委|州委|省委|区委|科学技术局|科技局|科技厅|科学技术厅|厅|局|委|办|署|院|部|中心|总工会|团市委|妇联|科协|行|支行|分行|海关|银监局|保监局|证监局|法院|检察院)';

/** Whether a line is only a list of agencies (`市经济和信息化委、市财政局`). */
export function isAgencyList(text: string): boolean {
  if (text.length > 160 || SENTENCE_PUNCT.test(text)) return false;
  const parts = text
    .split(/[、,，;；\s]+/u)
    .map((p) => p.replace(/等$/u, ''))
    .filter((p) => p !== '');
  if (parts.length === 0) return false;
  const agency = new RegExp(`${AGENCY_SUFFIX}(?:[(（][^()（）]*[)）])?$`, 'u');
  return parts.every((p) => p.length <= 24 && agency.test(p));
}

const CN_DIGIT_VALUE: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Reads a year written digit by digit in Chinese numerals (`二〇一六`, `二零零四`). */
export function parseChineseYear(text: string): number | null {
  if (text.length !== 4) return null;
  let value = 0;
  for (const ch of text) {
    const digit = CN_DIGIT_VALUE[ch];
    if (digit === undefined) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** Reads a small Chinese numeral (`十二`, `二十三`, `一百`) as used in 第X篇 and 十三五. */
export function parseChineseNumber(text: string): number | null {
  if (text === '') return null;
  if (/^\d+$/u.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    const digit = CN_DIGIT_VALUE[ch];
    if (digit !== undefined) {
      current = digit;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else {
      return null;
    }
  }
  return total + current;
}

/** A plausible issue year (documents of the People's Republic, not far in the future). */
export function isPlausibleYear(year: number): boolean {
  return year >= 1949 && year <= 2100;
}
