// Fast syntax check of chapter MDX without a full site build: compiles each file with
// MDX + remark-math + the site's TeX renderer (KaTeX errors are fatal here) and reports problems.
// Usage: node scripts/check-mdx.mjs [files…]   (default: every file in content/docs)
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import { rehypeTex } from './rehype-tex.mjs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

async function listMdx(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.mdx')).map((e) => join(e.parentPath, e.name));
}

const files = process.argv.length > 2 ? process.argv.slice(2) : await listMdx('content/docs');
let failures = 0;
for (const file of files) {
  const text = (await readFile(file, 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '');
  try {
    await compile(text, {
      remarkPlugins: [remarkGfm, remarkMath, remarkDirective],
      rehypePlugins: [rehypeTex({ throwOnError: true })],
    });
    console.log(`ok   ${file}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failures ? 1 : 0;
