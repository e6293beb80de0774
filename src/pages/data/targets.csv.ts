/** `/data/targets.csv`: every quantitative target, one row each (written by the knowledge layer's `targetsCsv`). */
import type { APIRoute } from 'astro';
import { loadAtlas } from '../../lib/atlas.ts';
import { targetsCsvFor } from '../../lib/downloads.ts';

export const GET: APIRoute = async () => {
  const atlas = await loadAtlas();
  return new Response(targetsCsvFor(atlas.input), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
