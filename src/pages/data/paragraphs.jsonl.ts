/** `/data/paragraphs.jsonl`: one JSON object per paragraph, documents in id order. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { fullPageRecords } from '../../lib/corpus-data.ts';
import { bodyOf, paragraphsJsonl } from '../../lib/downloads.ts';

export const GET: APIRoute = async ({ site }) => {
  const pages = (await getCollection('documents')).map((entry) => entry.data);
  return new Response(bodyOf(paragraphsJsonl(fullPageRecords(pages), site ?? 'http://localhost/')), { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
};
