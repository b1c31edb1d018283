// @ts-check
import { writeFile } from 'node:fs/promises';

/**
 * Writes dist/robots.txt after the build, pointing crawlers at the sitemap that
 * Starlight's sitemap integration generates for the configured `site` and `base`.
 * @returns {import('astro').AstroIntegration}
 */
export function seoFiles() {
  /** @type {URL | undefined} */
  let sitemap;
  return {
    name: 'seo-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (config.site) sitemap = new URL(`${config.base.replace(/\/?$/, '/')}sitemap-index.xml`, config.site);
      },
      'astro:build:done': async ({ dir }) => {
        const lines = ['User-agent: *', 'Allow: /', ''];
        if (sitemap) lines.push(`Sitemap: ${sitemap.href}`, '');
        await writeFile(new URL('robots.txt', dir), lines.join('\n'));
      },
    },
  };
}
