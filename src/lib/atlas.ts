/**
 * The cross-document indexes of the whole site, built once per build from the
 * documents collection (which pages exist) and corpus.json (their paragraphs).
 * Pages call `loadAtlas()`; the work is shared through one memoised promise.
 * Thin glue over the pure builders in `aggregate.ts`.
 */
import { getCollection } from 'astro:content';
import {
  buildAgencyIndex,
  buildPlaceIndex,
  buildProgramIndex,
  buildTargetIndex,
  buildThemeIndex,
  buildYearIndex,
  themeParagraphHref,
  type AgencyAggregate,
  type AtlasInput,
  type PlaceIndex,
  type ProgramAggregate,
  type TargetIndex,
  type ThemeIndex,
  type YearIndex,
} from './aggregate.ts';
import { loadCorpus, mergeAtlasInput } from './corpus-data.ts';

export interface Atlas {
  input: AtlasInput;
  themes: ThemeIndex;
  places: PlaceIndex;
  years: YearIndex;
  targets: TargetIndex;
  agencies: Map<string, AgencyAggregate>;
  programs: Map<string, ProgramAggregate>;
}

let pending: Promise<Atlas> | undefined;

/** All cross-document indexes (built on first call, then shared by every page of the build). */
export function loadAtlas(): Promise<Atlas> {
  pending ??= buildAtlas();
  return pending;
}

async function buildAtlas(): Promise<Atlas> {
  const pages = (await getCollection('documents')).map((entry) => entry.data);
  const input = mergeAtlasInput(pages, loadCorpus().documents);
  return {
    input,
    themes: buildThemeIndex(input),
    places: buildPlaceIndex(input.documents),
    years: buildYearIndex(input.documents),
    targets: buildTargetIndex(input.documents),
    agencies: buildAgencyIndex(input.documents),
    programs: buildProgramIndex(input.documents),
  };
}

/**
 * For document pages: the topic-page link of a paragraph's theme chip
 * (`/themes/<slug>/#<doc-id>--<paragraph-id>`, or `/themes/<slug>/<n>/#…` on a
 * later page), or null when the topic page does not list that paragraph.
 */
export async function themeChipHref(theme: string, docId: string, paragraphId: string): Promise<string | null> {
  return themeParagraphHref((await loadAtlas()).themes, theme, docId, paragraphId);
}
