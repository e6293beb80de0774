/**
 * Display helpers for document metadata: place paths, periods, labels.
 * Plain TypeScript so pages and tests share one wording.
 */
import type { DocType, InstrumentType, Period, Region, RELATION_REASONS, Target } from './schema.ts';

type RelationReason = (typeof RELATION_REASONS)[number];

/** The named levels of a place, outermost first, without empty or repeated names. */
export function placeParts(region: Region): string[] {
  const parts: string[] = [];
  for (const name of [region.province, region.city, region.county, region.township]) {
    // Municipalities repeat the province name at city level (北京市 › 北京市).
    if (name && name !== parts.at(-1)) parts.push(name);
  }
  return parts;
}

/** A place path such as `江苏省 › 苏州市`, or null when no level is named. */
export function formatPlace(region: Region, separator = ' › '): string | null {
  const parts = placeParts(region);
  return parts.length > 0 ? parts.join(separator) : null;
}

/** A plan period such as `2015—2020年`, or null. */
export function formatPeriod(period: Period | null): string | null {
  if (!period) return null;
  return period.start === period.end ? `${period.start}年` : `${period.start}—${period.end}年`;
}

/** English gloss for each document type, shown beside the Chinese name. */
export const DOC_TYPE_EN: Record<DocType, string> = {
  意见: 'Opinions',
  实施意见: 'Implementing opinions',
  实施方案: 'Implementation plan',
  工作方案: 'Work plan',
  行动方案: 'Action plan',
  方案: 'Plan',
  工作要点: 'Work priorities',
  要点: 'Key points',
  办法: 'Measures',
  实施细则: 'Implementing rules',
  细则: 'Detailed rules',
  规定: 'Regulations',
  通知: 'Notice',
  决定: 'Decision',
  规划: 'Development plan',
  纲要: 'Outline',
  行动计划: 'Action programme',
  计划: 'Programme',
  报告: 'Report',
  总结: 'Summary',
  新闻: 'News',
  其他: 'Other',
};

/** Bilingual labels for record fields named by evidence items. */
export const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  title: { zh: '标题', en: 'Title' },
  docType: { zh: '文件类型', en: 'Type' },
  region: { zh: '地区', en: 'Place' },
  year: { zh: '年份', en: 'Year' },
  period: { zh: '规划期', en: 'Period' },
  issuer: { zh: '发文机关', en: 'Issuer' },
  docNumber: { zh: '发文字号', en: 'Document number' },
  anonymized: { zh: '匿名处理', en: 'Anonymized' },
  truncated: { zh: '内容不完整', en: 'Truncated' },
};

/** The bilingual label of a record field, falling back to the raw field name. */
export function fieldLabel(field: string): { zh: string; en: string } {
  return FIELD_LABELS[field] ?? { zh: field, en: field };
}

/** The first characters of a SHA-256 digest, enough to recognise a file. */
export function shortHash(sha256: string, length = 12): string {
  return sha256.slice(0, length);
}

/** Site path of a document page (directory format, trailing slash). */
export function documentHref(id: string): string {
  return `/documents/${id}/`;
}

/** Site path of a document's source view (its seed lines, kept and removed). */
export function sourceHref(id: string): string {
  return `/documents/${id}/source/`;
}

/** Site path of a topic page. */
export function themeHref(slug: string): string {
  return `/themes/${slug}/`;
}

/** Site path of an agency page. */
export function agencyHref(slug: string): string {
  return `/agencies/${slug}/`;
}

/** Site path of a glossary entry (named programs and initiatives). */
export function glossaryHref(slug: string): string {
  return `/glossary/${slug}/`;
}

/** Bilingual names of the policy-instrument types (Rothwell & Zegveld). */
export const INSTRUMENT_TYPE_LABELS: Record<InstrumentType, { zh: string; en: string }> = {
  supply: { zh: '供给型', en: 'Supply-side' },
  environment: { zh: '环境型', en: 'Environment-side' },
  demand: { zh: '需求型', en: 'Demand-side' },
};

/** Bilingual names of the reasons two documents are related. */
export const RELATION_LABELS: Record<RelationReason, { zh: string; en: string }> = {
  citation: { zh: '引用', en: 'citation' },
  themes: { zh: '共同主题', en: 'shared themes' },
  programs: { zh: '共同项目', en: 'shared programs' },
  place: { zh: '同一地区', en: 'same place' },
  period: { zh: '时期重叠', en: 'overlapping period' },
};

const COMPARATOR_SYMBOLS: Record<Target['comparator'], string> = { eq: '', gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ', approx: '≈ ' };

/** A number with 万 or 亿 for large round values (`12000000` → `1200万`), at most two decimals. */
export function formatQuantity(value: number): string {
  const round = (n: number): string => String(Math.round(n * 100) / 100);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e8) return `${round(value / 1e8)}亿`;
  if (magnitude >= 1e4) return `${round(value / 1e4)}万`;
  return round(value);
}

/** A target as one line: `全社会研发经费支出占GDP比重 ≥ 2.5%（2020年）`; growth targets say so. */
export function describeTarget(target: Pick<Target, 'indicatorLabel' | 'comparator' | 'value' | 'unit' | 'measure' | 'targetYear'>): string {
  const measure = target.measure === 'growth' ? '增长 ' : target.measure === 'annual-growth' ? '年均增长 ' : '';
  const year = target.targetYear === null ? '' : `（${target.targetYear}年）`;
  return `${target.indicatorLabel} ${measure}${COMPARATOR_SYMBOLS[target.comparator]}${formatQuantity(target.value)}${target.unit}${year}`;
}

/** Years shared by two periods (`2016–2018`, or single years) as `2016—2018年`. */
export function formatYears(years: readonly string[]): string {
  const numbers = years.flatMap((y) => {
    const range = /^(\d{4})\s*[–—-]\s*(\d{4})$/u.exec(y.trim());
    if (range) return Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1])) + 1 }, (_, i) => Number(range[1]) + i);
    return /^\d{4}$/u.test(y.trim()) ? [Number(y)] : [];
  });
  if (numbers.length === 0 || numbers.length < years.length) return years.join('、');
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  return sorted.every((n, i) => n === first + i) ? formatPeriod({ start: first, end: last })! : `${sorted.join('、')}年`;
}

/** What a relation reason shares, in words: theme or program names, the place, the years, who cites whom. */
export function describeReason(
  kind: RelationReason,
  shared: readonly string[],
  names: { theme: (slug: string) => string; program: (slug: string) => string },
): string {
  switch (kind) {
    case 'themes':
      return shared.map(names.theme).join('、');
    case 'programs':
      return shared.map(names.program).join('、');
    case 'period':
      return formatYears(shared);
    case 'citation':
      return shared.map((s) => (s === 'cites' ? '本文引用该文 this document cites it' : s === 'cited-by' ? '该文引用本文 it cites this document' : s)).join('；');
    default:
      return shared.join('、');
  }
}
