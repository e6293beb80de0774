/** `/data/documents.json`: every document's record without its paragraphs (those are in paragraphs.jsonl). */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { fullPageRecords } from '../../lib/corpus-data.ts';
import { bodyOf, documentsJson } from '../../lib/downloads.ts';

export const GET: APIRoute = async () => {
  const pages = (await getCollection('documents')).map((entry) => entry.data);
  return new Response(bodyOf(documentsJson(fullPageRecords(pages))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
