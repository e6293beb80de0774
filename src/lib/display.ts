/**
 * Display helpers for document metadata: place paths, periods, labels.
 * Plain TypeScript so pages and tests share one wording.
 */
import type { DocType, Period, Region } from './schema.ts';

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
