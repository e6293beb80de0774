/** `/data/paragraphs.jsonl`: one JSON object per paragraph, documents in id order. */
import type { APIRoute } from 'astro';
import { loadAtlas } from '../../lib/atlas.ts';
import { paragraphsJsonl } from '../../lib/downloads.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await loadAtlas();
  return new Response(paragraphsJsonl(atlas.input, site ?? 'http://localhost/'), { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
};
