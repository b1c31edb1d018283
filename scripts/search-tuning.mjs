// @ts-check
import { fileURLToPath } from 'node:url';

/**
 * Site search tuned for Chinese. Pagefind's UI (`@pagefind/default-ui`, loaded by Starlight's
 * search dialog) imports its search module at run time with
 * `import(`${base_path}pagefind.js`)`. This integration rewrites that one import, at build time,
 * into a call of `loadPagefind` (components/search/load-pagefind.ts), which wraps Pagefind's
 * `search` so that pages and sections are re-ranked by how their headings and phrases match
 * the whole query (components/search/ranking.ts).
 *
 * The rewrite fails the build when the expected code is missing or when Pagefind's UI never
 * went through it, so an upgrade of Starlight or Pagefind cannot drop it silently.
 */

/** The import in Pagefind's UI that loads its search module. */
export const PAGEFIND_IMPORT = 'import(`${base_path}pagefind.js`)';
const LOADER = fileURLToPath(new URL('../components/search/load-pagefind.ts', import.meta.url));
const LOADER_NAME = '__searchTuningLoadPagefind';

/** Whether a module id is the bundle of Pagefind's UI (the PagefindUI class). */
export function isPagefindUi(/** @type {string} */ id) {
  return /[\\/]@pagefind[\\/]default-ui[\\/].*ui-core\.m?js(?:\?|$)/.test(id);
}

/**
 * Rewrites the source of Pagefind's UI so that it loads Pagefind through `loaderPath`.
 * Throws when the import is not there exactly once.
 * @param {string} code
 * @param {string} loaderPath
 */
export function patchPagefindUi(code, loaderPath = LOADER) {
  const count = code.split(PAGEFIND_IMPORT).length - 1;
  if (count !== 1) {
    throw new Error(
      `search-tuning: expected ${PAGEFIND_IMPORT} once in @pagefind/default-ui, found it ${count} times. ` +
        'Pagefind’s UI changed: update scripts/search-tuning.mjs, or search loses its Chinese ranking.',
    );
  }
  return (
    `import { loadPagefind as ${LOADER_NAME} } from ${JSON.stringify(loaderPath)};\n` +
    code.replace(PAGEFIND_IMPORT, `${LOADER_NAME}(\`\${base_path}pagefind.js\`)`)
  );
}

/** @returns {import('astro').AstroIntegration} */
export function searchTuning() {
  let patched = false;
  /** @type {import('vite').Plugin} */
  const plugin = {
    name: 'search-tuning',
    enforce: 'pre',
    transform(code, id) {
      if (!isPagefindUi(id)) return null;
      patched = true;
      return { code: patchPagefindUi(code), map: null };
    },
  };
  return {
    name: 'search-tuning',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [plugin] } });
      },
      'astro:build:done': () => {
        if (!patched) {
          throw new Error(
            'search-tuning: the build never loaded @pagefind/default-ui’s ui-core module, so search is not re-ranked. ' +
              'Starlight’s search dialog changed: update scripts/search-tuning.mjs.',
          );
        }
      },
    },
  };
}
