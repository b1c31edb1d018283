// @ts-check
import { writeFile } from 'node:fs/promises';
import { missingSiteUrlWarning } from './site-url.mjs';

/**
 * Warns when a production build has no SITE_URL, and writes dist/robots.txt after the build, pointing crawlers at the sitemap that
 * Starlight's sitemap integration generates for the configured `site` and `base`.
 * @returns {import('astro').AstroIntegration}
 */
export function seoFiles() {
  /** @type {URL | undefined} */
  let sitemap;
  return {
    name: 'seo-files',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const warning = command === 'build' ? missingSiteUrlWarning(process.env.SITE_URL) : null;
        if (warning) logger.warn(`\n${warning}`);
      },
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
