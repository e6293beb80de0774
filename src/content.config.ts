import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { frontmatterSchema } from './lib/schema.ts';

// The browser tests build the site from a copy of the documents plus hostile fixtures, so they never write into content/.
const documentsDir = process.env.ATLAS_DOCUMENTS_DIR || './content/documents';

/** Generated policy documents: one MDX file per document, frontmatter validated by the record contract. */
export const collections = {
  documents: defineCollection({
    // retainBody: false keeps the raw MDX out of the content store; pages only need the rendered module.
    loader: glob({ pattern: '**/*.mdx', base: documentsDir, retainBody: false }),
    schema: frontmatterSchema,
  }),
};
