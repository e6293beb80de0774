/** `/data/documents.schema.json`: JSON Schema of one record of documents.json, generated from the zod schema. */
import type { APIRoute } from 'astro';
import { documentsJsonSchema } from '../../lib/downloads.ts';

export const GET: APIRoute = () => new Response(documentsJsonSchema(), { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } });
