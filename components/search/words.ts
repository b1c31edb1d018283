/**
 * Words as Pagefind indexes them, and the query spelled across them. Pagefind splits Chinese
 * into short words (前向传播 → 前 | 向 | 传播); a phrase is the query spelled by consecutive words.
 */

/** Lower case, without whitespace and punctuation: the form in which queries, headings and words are compared. */
export function squash(text: string): string {
  return text.toLocaleLowerCase().replace(/[\s\p{P}]+/gu, '');
}

/** The page's words, split as Pagefind splits them, so that positions agree with its `locations`. */
export function splitWords(rawContent: string): { words: string[]; joiner: string } {
  return rawContent.includes('\u200B')
    ? { words: rawContent.split('\u200B'), joiner: '' }
    : { words: rawContent.split(/[^\S\uFEFF]+/u), joiner: ' ' };
}

/**
 * Spans [start, end) of consecutive words in [from, to) that spell `key` (a squashed query).
 * The last word may run past the query, as Pagefind matches word prefixes; whitespace between
 * words is ignored, punctuation ends a phrase.
 */
export function findPhrases(words: readonly string[], key: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  if (!key) return spans;
  for (let start = from; start < to; start++) {
    let spelled = '';
    for (let end = start; end < to; end++) {
      const word = words[end] ?? '';
      const part = squash(word);
      if (!part) {
        if (spelled && /^\s*$/u.test(word)) continue;
        break;
      }
      spelled += part;
      if (spelled.startsWith(key)) {
        spans.push([start, end + 1]);
        start = end;
        break;
      }
      if (!key.startsWith(spelled)) break;
    }
  }
  return spans;
}

/**
 * A retry for a query that found nothing: a space between neighbouring Han characters. The
 * browser's word segmenter can split a Chinese query differently from the index (every word
 * must match); single characters still match as word prefixes. Null when there is nothing to split.
 */
export function hanFallback(query: string): string | null {
  const spaced = query.replace(/(\p{Script=Han})(?=\p{Script=Han})/gu, '$1 ');
  return spaced === query ? null : spaced;
}
