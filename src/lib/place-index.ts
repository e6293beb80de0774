/**
 * Place pages: one stable, unique URL slug for every province, prefecture and
 * county of GB/T 2260, and the chain of units a document's place belongs to.
 * Townships are shown on their county's page (the atlas has no township pages).
 *
 * Slugs depend only on the division data, never on which places the corpus
 * holds, so adding a document never moves an existing page.
 */
import { getDivisionChain, getDivisionIndex, slugifyName, type Division } from './divisions.ts';
import type { Region } from './schema.ts';

/** Levels that get a place page, outermost first. */
export const PLACE_LEVELS = ['province', 'prefecture', 'county'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** A unit that has (or could have) a place page. */
export interface PlaceUnit {
  /** GB/T 2260 code (6 digits). */
  code: string;
  /** Full standard name (`延边朝鲜族自治州`). */
  name: string;
  level: PlaceLevel;
  /** Code of the nearest real parent with a page, null for provinces. */
  parentCode: string | null;
  /** Unique URL slug (see `assignUniqueSlugs`): `suzhou`-style pinyin, `jiangsu-suzhou` when shared. */
  slug: string;
}

/**
 * Official romanisations that plain pinyin cannot tell apart (山西 and 陕西 are both `shanxi`);
 * GB/T 2260's own romanisation writes 陕西 as Shaanxi.
 */
const CONVENTIONAL_SLUGS: Readonly<Record<string, string>> = { '610000': 'shaanxi' };

let cachedUnits: Map<string, PlaceUnit> | undefined;

/** Every province-, prefecture- and county-level unit (placeholders such as 市辖区 left out), by code. */
export function getPlaceUnits(): ReadonlyMap<string, PlaceUnit> {
  if (cachedUnits) return cachedUnits;
  const units = getDivisionIndex().units.filter((u) => u.level !== 'township' && u.kind !== 'placeholder');
  const base = new Map(units.map((u) => [u.code, CONVENTIONAL_SLUGS[u.code] ?? (slugifyName(u.shortName) || u.code)]));
  const slugs = assignUniqueSlugs(units, base);
  cachedUnits = new Map(
    units.map((u) => [u.code, { code: u.code, name: u.name, level: u.level as PlaceLevel, parentCode: u.parentCode, slug: slugs.get(u.code)! }]),
  );
  return cachedUnits;
}

const LEVEL_RANK: Record<PlaceLevel, number> = { province: 0, prefecture: 1, county: 2 };

/**
 * Slug rule: the pinyin of the short name when no other unit shares it, or when
 * this unit is the only one of the highest level among those sharing it (a
 * province keeps `xinjiang`, a prefecture keeps `benxi`); the others are
 * prefixed with their parent's pinyin (`benxi-benxi`, `jiangsu-suzhou`), and
 * if that still collides, suffixed with the code instead.
 */
function assignUniqueSlugs(units: readonly Division[], base: ReadonlyMap<string, string>): Map<string, string> {
  const groups = new Map<string, Division[]>();
  for (const u of units) {
    const slug = base.get(u.code)!;
    const list = groups.get(slug);
    if (list) list.push(u);
    else groups.set(slug, [u]);
  }
  const keepsBase = new Set<string>();
  for (const list of groups.values()) {
    const top = Math.min(...list.map((u) => LEVEL_RANK[u.level as PlaceLevel]));
    const highest = list.filter((u) => LEVEL_RANK[u.level as PlaceLevel] === top);
    if (highest.length === 1) keepsBase.add(highest[0]!.code);
  }
  const prefixed = new Map<string, string>();
  for (const u of units) {
    if (keepsBase.has(u.code)) continue;
    const slug = base.get(u.code)!;
    const parent = u.parentCode ? base.get(u.parentCode) : undefined;
    prefixed.set(u.code, parent ? `${parent}-${slug}` : `${slug}-${u.code}`);
  }
  // A prefixed slug always holds a "-" and base slugs never do, so only prefixed slugs can still collide.
  const prefixedCounts = new Map<string, number>();
  for (const slug of prefixed.values()) prefixedCounts.set(slug, (prefixedCounts.get(slug) ?? 0) + 1);
  const slugs = new Map<string, string>();
  for (const u of units) {
    const candidate = prefixed.get(u.code);
    if (candidate === undefined) slugs.set(u.code, base.get(u.code)!);
    else slugs.set(u.code, prefixedCounts.get(candidate) === 1 ? candidate : `${base.get(u.code)}-${u.code}`);
  }
  return slugs;
}

/** The units with pages that contain a region, province first; townships count as their county; empty when the region has no known code. */
export function getPlaceChain(region: Pick<Region, 'code'>): PlaceUnit[] {
  if (!region.code) return [];
  const units = getPlaceUnits();
  return getDivisionChain(region.code).flatMap((d) => units.get(d.code) ?? []);
}

/** The most specific unit with a page for a region, or null. */
export function getPlaceUnit(region: Pick<Region, 'code'>): PlaceUnit | null {
  return getPlaceChain(region).at(-1) ?? null;
}

/** Site path of a place page (`/regions/<slug>/`). */
export function placeHref(unit: Pick<PlaceUnit, 'slug'>): string {
  return `/regions/${unit.slug}/`;
}

/** Site path of the page of a region's most specific unit (a township's county), or null when it has none. */
export function regionHref(region: Pick<Region, 'code'>): string | null {
  const unit = getPlaceUnit(region);
  return unit ? placeHref(unit) : null;
}
