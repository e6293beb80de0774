/**
 * Document ids: readable ASCII built only from the document's own metadata
 * (place pinyin, year, short title words), so they do not move when other
 * seed files are added, removed or renamed.
 */
import { pinyin } from 'pinyin-pro';
import { slugifyPlace } from '../../src/lib/divisions.ts';
import type { Region } from '../../src/lib/schema.ts';
import { docTypeOfTitle, PERIOD_RANGE } from './patterns.ts';
import { shortHash } from './structure.ts';

export interface Options {
  /** Most title words kept before the document type. */
  maxWords: number;
}

export const defaultOptions: Options = { maxWords: 4 };

const BRACKETED_PERIOD = new RegExp(`[(（]\\s*${PERIOD_RANGE.source}\\s*[)）]`, 'u');
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const FILLER = new Set(['关于', '的', '和', '与', '及', '年', '我市']);

/** Builds an id such as `benxi-2015-2020-chuangxin-qudong-shishi-fangan` or `xiangxi-2011-quan-zhou-keji-gongzuo-yaodian`. */
export function buildDocumentId(
  meta: { title: string; year: number | null; region: Region; issuer: string | null },
  options: Partial<Options> = {},
): string {
  const settings = { ...defaultOptions, ...options };
  const place = slugifyPlace(meta.region) ?? 'cn';
  const year = meta.year === null ? 'nd' : String(meta.year);
  const typed = docTypeOfTitle(meta.title);
  // A period in brackets becomes `-2020` after the year; other bracketed words (试行) stay words.
  const period = BRACKETED_PERIOD.exec(meta.title);
  let core = meta.title.replace(/[(（][^()（）]*[)）]/gu, (m) => (/\d{4}/u.test(m) ? '' : m.slice(1, -1)));
  if (typed) core = core.slice(0, core.lastIndexOf(typed.ending));
  core = core.replace(/^.*?关于/u, '').replace(/(?:19|20)\d{2}\s*年?/gu, '');
  for (const name of [meta.region.province, meta.region.city, meta.region.county, meta.region.township, meta.issuer]) {
    if (name) core = core.split(name).join('');
  }
  const words = [...segmenter.segment(core)]
    .filter((s) => s.isWordLike && !FILLER.has(s.segment) && /\p{Script=Han}|[a-z0-9]/iu.test(s.segment))
    .map((s) => toAscii(s.segment))
    .filter((w) => w !== '');
  const kept = words.slice(0, settings.maxWords);
  const typeWords = typed ? [...segmenter.segment(typed.ending)].filter((s) => s.isWordLike).map((s) => toAscii(s.segment)) : [];
  // A plan's id carries its period (`benxi-2015-2020-…`), so plans differing only in period stay apart.
  const when = period?.[1] && period[2] ? [period[1], period[2]] : [year];
  const parts = [place, ...when, ...kept, ...typeWords];
  // When words were dropped, two different titles could share the prefix: a short hash of the full title keeps ids apart.
  if (words.length > kept.length || kept.length === 0) parts.push(shortHash(meta.title, 4));
  return parts.join('-').replace(/-+/gu, '-').slice(0, 90).replace(/-$/u, '');
}

function toAscii(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, '');
}
