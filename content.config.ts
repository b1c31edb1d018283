import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { SHELL_STRING_KEYS } from './components/ui/shell-strings';

/**
 * The site's own UI strings beside Starlight's: `site.*` and the island shell's `island.*`
 * (components/ui/shell-strings.ts lists and reads them). Every locale file must have them all.
 */
const siteStrings = z.object(Object.fromEntries(SHELL_STRING_KEYS.map((key) => [key, z.string()])));

/** Questions and answers that a page publishes as FAQPage structured data (chapter 9). */
const faqItem = z.object({ question: z.string(), answer: z.string() });

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /** Chapter number in the source (1–10); absent on the landing page. */
        chapter: z.number().int().min(1).max(10).optional(),
        faq: z.array(faqItem).optional(),
      }),
    }),
  }),
  /** UI strings per locale (content/i18n/<lang>.json): Starlight's own, Pagefind's, the site's and the island shell's. */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: siteStrings }) }),
};
