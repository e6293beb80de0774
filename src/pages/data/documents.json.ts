/** `/data/documents.json`: every document's record without its paragraphs (those are in paragraphs.jsonl). */
import type { APIRoute } from 'astro';
import { loadAtlas } from '../../lib/atlas.ts';
import { documentsJson } from '../../lib/downloads.ts';

export const GET: APIRoute = async () => {
  const atlas = await loadAtlas();
  return new Response(documentsJson(atlas.input.documents), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
