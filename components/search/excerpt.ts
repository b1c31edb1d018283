/** Excerpts of a section for the search results, cut around the query and with it marked. */

const EXCERPT_WORDS = 24;
const LEAD_IN_WORDS = 4;

/**
 * HTML excerpt of the words in [from, to): it starts a little before the first phrase, else
 * before the densest run of matched words, else at `from`. Phrases are marked as a whole;
 * without one, each matched word is. "…" shows where text was cut.
 */
export function excerptHtml(
  words: readonly string[],
  joiner: string,
  range: { from: number; to: number },
  phrases: readonly [number, number][],
  locations: readonly number[],
): string {
  const start = excerptStart(range, phrases, locations);
  const end = Math.min(range.to, start + EXCERPT_WORDS);
  const shown = words.slice(start, end).map(escapeWord);
  const marks = phrases.length > 0 ? phrases : locations.map((l): [number, number] => [l, l + 1]);
  for (const [markStart, markEnd] of marks) {
    const first = Math.max(markStart, start) - start;
    const last = Math.min(markEnd, end) - 1 - start;
    if (first > last || first >= shown.length) continue;
    shown[first] = `<mark>${shown[first] ?? ''}`;
    shown[last] = `${shown[last] ?? ''}</mark>`;
  }
  const before = start > range.from ? '…' : '';
  const after = end < range.to ? '…' : '';
  return `${before}${shown.join(joiner).trim()}${after}`;
}

function excerptStart(range: { from: number; to: number }, phrases: readonly [number, number][], locations: readonly number[]): number {
  const latest = Math.max(range.from, range.to - EXCERPT_WORDS);
  const clamp = (at: number): number => Math.min(latest, Math.max(range.from, at - LEAD_IN_WORDS));
  const phrase = phrases[0];
  if (phrase) return clamp(phrase[0]);
  let best = locations[0];
  if (best === undefined) return range.from;
  let bestCount = 0;
  for (let i = 0, j = 0; i < locations.length; i++) {
    const at = locations[i] ?? 0;
    while (j < locations.length && (locations[j] ?? 0) < at + EXCERPT_WORDS) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = at;
    }
  }
  return clamp(best);
}

/** A word of Pagefind's `raw_content` (only `<` and `>` escaped) as HTML text. */
function escapeWord(word: string): string {
  return word
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;');
}
