// @ts-check
/** The card: its texts and its drawing as SVG, with the text turned into outlines. */
import { shapeChars } from './font.mjs';
import { fitText, measure } from './layout.mjs';

/** @typedef {import('./font.mjs').Shaped} Shaped */

export const WIDTH = 1200;
export const HEIGHT = 630;
export const SITE_TITLE = 'AI 大模型创业：如何利用竞争优势？';
export const SUBTITLE = '可交互的深度学习指南 · 公式、演示与浏览器内训练';

/**
 * @typedef {object} OgInput
 * @property {string} title
 * @property {number} [chapter]      chapter number, shown as a "第 N 章" badge
 * @property {string} [siteTitle]    small line at the top (default: the site's title)
 * @property {string} [subtitle]     one line at the bottom
 * @property {string} [badge]        badge text when there is no chapter (e.g. "导读")
 */

/**
 * The chapter number and the title to show: a leading "第 N 章" is dropped from the title
 * (the badge shows it) and gives the chapter number when none is set.
 * @param {OgInput} input
 */
export function cardText(input) {
  const siteTitle = input.siteTitle ?? SITE_TITLE;
  let title = input.title.trim();
  let chapter = input.chapter;
  const m = /^第\s*([0-9]+)\s*章[\s:：·.、-]*/.exec(title);
  if (m && m[0].length < title.length && (chapter === undefined || chapter === Number(m[1]))) {
    chapter = Number(m[1]);
    title = title.slice(m[0].length);
  }
  const landing = chapter === undefined && title === siteTitle;
  const badge = chapter !== undefined ? `第 ${chapter} 章` : (input.badge ?? (landing ? '导读' : ''));
  return { title, chapter, badge, siteTitle, landing, subtitle: input.subtitle ?? SUBTITLE };
}

/**
 * The card as SVG (text already turned into outlines).
 * @param {OgInput} input
 * @returns {Promise<string>}
 */
export async function renderOgSvg(input) {
  const { title, badge, siteTitle, subtitle, landing } = cardText(input);
  const left = 80;
  const maxWidth = WIDTH - 2 * left;
  /** @type {string[]} */
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    '<defs>',
    '<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#070b24"/><stop offset="0.55" stop-color="#151a4e"/><stop offset="1" stop-color="#33277f"/></linearGradient>',
    '<radialGradient id="glow" cx="0.82" cy="0.22" r="0.55"><stop offset="0" stop-color="#6d5dfc" stop-opacity="0.38"/><stop offset="1" stop-color="#6d5dfc" stop-opacity="0"/></radialGradient>',
    '<radialGradient id="glow2" cx="0.05" cy="1" r="0.6"><stop offset="0" stop-color="#0ea5e9" stop-opacity="0.16"/><stop offset="1" stop-color="#0ea5e9" stop-opacity="0"/></radialGradient>',
    '<linearGradient id="badge" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#4f46e5"/><stop offset="1" stop-color="#7c3aed"/></linearGradient>',
    '<linearGradient id="accent" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#22d3ee"/><stop offset="0.5" stop-color="#818cf8"/><stop offset="1" stop-color="#c084fc"/></linearGradient>',
    '<linearGradient id="edge" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#67e8f9" stop-opacity="0.10"/><stop offset="1" stop-color="#a5b4fc" stop-opacity="0.34"/></linearGradient>',
    '</defs>',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow)"/>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow2)"/>`,
  );
  out.push(networkMotif());

  // Top: a small mark and the site's name (not on the landing card, whose title it is).
  const top = 76;
  if (!landing) {
    const site = await fitText(siteTitle, { weight: 500, maxWidth: 660, sizes: [26, 24, 22], preferLines: 1, maxLines: 1 });
    out.push(
      `<rect x="${left}" y="${top - 24}" width="6" height="30" rx="3" fill="url(#accent)"/>`,
      `<path fill="#c7d2fe" fill-opacity="0.92" d="${linePath(site.lines[0]?.units ?? [], left + 20, top, 26)}"/>`,
    );
  }

  // Badge.
  const badgeTop = 140;
  const badgeH = 54;
  if (badge) {
    const size = 28;
    const w = ((await measure(badge, 700)) * size) / 1000 + 2 * 24;
    out.push(
      `<rect x="${left}" y="${badgeTop}" width="${num(w)}" height="${badgeH}" rx="${badgeH / 2}" fill="url(#badge)"/>`,
      `<rect x="${left + 0.75}" y="${badgeTop + 0.75}" width="${num(w - 1.5)}" height="${badgeH - 1.5}" rx="${badgeH / 2 - 0.75}" fill="none" stroke="#c4b5fd" stroke-opacity="0.45" stroke-width="1.5"/>`,
      `<path fill="#ffffff" d="${linePath(await shapeChars(Array.from(badge), 700), left + 24, badgeTop + badgeH / 2 + size * 0.36, size)}"/>`,
    );
  }

  // Title, in the band between the badge and the subtitle, vertically centred.
  const fit = await fitText(title, { weight: 700, maxWidth, sizes: [76, 72, 68, 64, 60, 56, 52, 48, 44], preferLines: 2, maxLines: 3 });
  const lineHeight = fit.size * 1.28;
  const bandTop = badgeTop + badgeH + 28;
  const bandBottom = 520;
  const blockH = fit.lines.length * lineHeight;
  const firstBaseline = bandTop + Math.max(0, (bandBottom - bandTop - blockH) / 2) + lineHeight * 0.5 + fit.size * 0.36;
  const titleD = fit.lines.map((line, i) => linePath(line.units, left, firstBaseline + i * lineHeight, fit.size)).join('');
  out.push(`<path fill="#ffffff" d="${titleD}"/>`);

  // Subtitle and the accent rule.
  const sub = await fitText(subtitle, { weight: 400, maxWidth, sizes: [28, 26, 24, 22], preferLines: 1, maxLines: 1 });
  out.push(
    `<rect x="${left}" y="540" width="56" height="4" rx="2" fill="url(#accent)"/>`,
    `<path fill="#a5b4fc" d="${linePath(sub.lines[0]?.units ?? [], left, 588, sub.size)}"/>`,
    `<rect y="${HEIGHT - 8}" width="${WIDTH}" height="8" fill="url(#accent)" fill-opacity="0.85"/>`,
    '</svg>',
  );
  return out.join('\n');
}

/** A small fully connected network, top right: 3 → 4 → 4 → 2 nodes. */
function networkMotif() {
  const layers = [3, 4, 4, 2];
  // Kept above the title band (y ≥ 222) so that no title can run into it.
  const x0 = 812, dx = 104, cy = 128, gap = 50;
  const nodes = layers.map((count, l) =>
    Array.from({ length: count }, (_, i) => ({ x: x0 + l * dx, y: cy + (i - (count - 1) / 2) * gap })),
  );
  /** @type {string[]} */
  const edges = [];
  for (let l = 0; l + 1 < nodes.length; l++) {
    for (const a of nodes[l] ?? []) for (const b of nodes[l + 1] ?? []) edges.push(`M${num(a.x)} ${num(a.y)}L${num(b.x)} ${num(b.y)}`);
  }
  // A highlighted path through the net, as if one signal were travelling.
  const hot = [nodes[0]?.[1], nodes[1]?.[2], nodes[2]?.[1], nodes[3]?.[0]].filter((p) => p !== undefined);
  const hotD = hot.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`).join('');
  const circles = nodes
    .flat()
    .map((p) => `<circle cx="${num(p.x)}" cy="${num(p.y)}" r="10" fill="#1e1b4b" stroke="#a5b4fc" stroke-opacity="0.5" stroke-width="2"/>`)
    .join('');
  const hotCircles = hot.map((p) => `<circle cx="${num(p.x)}" cy="${num(p.y)}" r="5.5" fill="#67e8f9" fill-opacity="0.9"/>`).join('');
  return [
    '<g>',
    `<path d="${edges.join('')}" fill="none" stroke="url(#edge)" stroke-width="1.5"/>`,
    `<path d="${hotD}" fill="none" stroke="#67e8f9" stroke-opacity="0.7" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`,
    circles,
    hotCircles,
    '</g>',
  ].join('');
}

const num = (/** @type {number} */ v) => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * SVG path data for a line of text with its left end of the baseline at (x, y).
 * @param {Shaped[]} units @param {number} x @param {number} y @param {number} size
 */
function linePath(units, x, y, size) {
  const s = size / 1000;
  let pen = 0;
  let d = '';
  for (const u of units) {
    if (u.missing) {
      // Placeholder box (tofu) for a character that no font slice has.
      const l = x + (pen + 90) * s, r = x + (pen + u.advance - 90) * s;
      const t = y - 760 * s, b = y + 60 * s, k = Math.max(1, 60 * s);
      d += `M${num(l)} ${num(t)}H${num(r)}V${num(b)}H${num(l)}Z`;
      d += `M${num(l + k)} ${num(t + k)}V${num(b - k)}H${num(r - k)}V${num(t + k)}Z`;
    }
    let gx = pen;
    for (const g of u.glyphs) {
      for (const c of g.path.commands) {
        const a = c.args.map((v, i) => (i % 2 === 0 ? num(x + (gx + v) * s) : num(y - v * s)));
        if (c.command === 'moveTo') d += `M${a[0]} ${a[1]}`;
        else if (c.command === 'lineTo') d += `L${a[0]} ${a[1]}`;
        else if (c.command === 'quadraticCurveTo') d += `Q${a[0]} ${a[1]} ${a[2]} ${a[3]}`;
        else if (c.command === 'bezierCurveTo') d += `C${a[0]} ${a[1]} ${a[2]} ${a[3]} ${a[4]} ${a[5]}`;
        else if (c.command === 'closePath') d += 'Z';
      }
      gx += g.advanceWidth;
    }
    pen += u.advance;
  }
  return d;
}
