// @ts-check
import { visit } from 'unist-util-visit';

/**
 * Content links are written root-relative (`/chapters/03-algorithms/#…`). When the site is
 * served below a base path (GitHub Pages: `/repo/`), this rehype plugin prefixes them with
 * the base: on HTML anchors and on the `href` of MDX components such as LinkCard.
 * @param {{ base: string }} options
 */
export function rehypeBaseLinks({ base }) {
  const prefix = base.replace(/\/?$/, '/');
  /** @param {unknown} href */
  const rebase = (href) =>
    typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') && !href.startsWith(prefix)
      ? prefix + href.slice(1)
      : href;
  return () => (/** @type {any} */ tree) => {
    if (prefix === '/') return;
    visit(tree, (/** @type {any} */ node) => {
      if (node.type === 'element' && node.tagName === 'a' && node.properties) {
        node.properties.href = rebase(node.properties.href);
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attribute of node.attributes ?? []) {
          if (attribute.type === 'mdxJsxAttribute' && attribute.name === 'href') attribute.value = rebase(attribute.value);
        }
      }
    });
  };
}
