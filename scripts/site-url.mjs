// @ts-check
/** The origin a build uses when SITE_URL is not set: fine for local previews, wrong for a deployment. */
export const DEFAULT_SITE_URL = 'https://ai-startup-guide.example.com';

/**
 * The warning a production build prints when SITE_URL is missing: canonical URLs, og:image,
 * the sitemap and robots.txt would all point at the placeholder origin.
 * @param {string | undefined} siteUrl
 * @returns {string | null}
 */
export function missingSiteUrlWarning(siteUrl) {
  if (siteUrl) return null;
  const rule = '!'.repeat(78);
  return [
    rule,
    `SITE_URL is not set: canonical URLs, og:image, JSON-LD, the sitemap and robots.txt`,
    `will all point at the placeholder ${DEFAULT_SITE_URL}.`,
    'Fine for a local preview; for a deployment build with',
    '  SITE_URL=https://your.domain npm run build',
    rule,
  ].join('\n');
}
