import { html, nothing, type TemplateResult } from 'lit';
import { tex } from '../../ui/katex-html';
import { format } from '../../ui/shell-strings';
import { pixelImage } from '../../ui/charts/pixel-image';
import { histogramChart } from '../../ui/charts/histogram';
import type { GrayImage } from '../../../src/lib/ml/image-ops';
import type { AugmentCopy, CleanExample, NormalizeView, PrepModel } from './model';
import type { PrepStrings } from './strings';

/**
 * The preprocessing island's figures as pure views of its model: the live element draws
 * them between its controls, PreprocessIsland.astro renders the same ones at build time.
 */

/** A number inside TeX (TeX sets its own minus sign); −0.00 shows as 0.00. */
const texNum = (x: number, digits = 2): string => {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
};
/** A number in running text, with a real minus sign. */
const num = (x: number, digits = 2): string => texNum(x, digits).replace('-', '−');

/** A 28×28 digit and its caption; `size` is the side in CSS pixels. */
export function digitPanel(
  image: GrayImage,
  options: { size: number; caption: string | TemplateResult; label: string; domain?: readonly [number, number]; missing?: Uint8Array | null; marked?: Uint8Array | null },
): TemplateResult {
  return html`<figure class="ml-digit" style=${`width: ${Math.round(options.size)}px`}>
    ${pixelImage({
      columns: image.width,
      rows: image.height,
      data: image.data,
      size: options.size,
      label: options.label,
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.missing ? { missing: options.missing } : {}),
      ...(options.marked ? { marked: options.marked } : {}),
    })}
    <figcaption>${options.caption}</figcaption>
  </figure>`;
}

/** Side of a digit when `count` of them share a row of `width` pixels. */
export const digitSize = (width: number, count: number, max = 168, gap = 12): number =>
  Math.max(72, Math.min(max, Math.floor((width - gap * (count - 1)) / count)));

function cleanFormula(example: CleanExample): string {
  switch (example.kind) {
    case 'median': {
      const sorted = [...example.window].sort((a, b) => a - b).map((v, i) => (i === 4 ? `\\boxed{${texNum(v)}}` : texNum(v)));
      return `x'_{${example.y},${example.x}}=\\operatorname{median}(${sorted.join(',\\,')})=${texNum(example.after)}`;
    }
    case 'clip':
      return `x'=\\min\\bigl(1,\\max(0,\\,x)\\bigr)=\\min\\bigl(1,\\max(0,\\,${texNum(example.before)})\\bigr)=${texNum(example.after)}`;
    case 'impute-mean':
      return `\\hat{x}=\\frac{1}{${example.known}}\\sum_{\\text{known}} x_{i,j}=${texNum(example.mean, 3)}`;
    case 'impute-neighbour':
      return `\\hat{x}_{r,c}=\\frac{1}{|\\mathcal{N}_{r,c}|}\\sum_{(i,j)\\in\\mathcal{N}_{r,c}} x_{i,j}`;
  }
}

function cleanExplain(example: CleanExample, s: PrepStrings): string {
  switch (example.kind) {
    case 'median':
      return format(s.clean.medianExplain, { x: example.x, y: example.y });
    case 'clip':
      return format(s.clean.clipExplain, { x: example.x, y: example.y });
    case 'impute-mean':
      return format(s.clean.imputeMeanExplain, { filled: example.filled, known: example.known });
    case 'impute-neighbour':
      return format(s.clean.imputeNeighbourExplain, { filled: example.filled });
  }
}

export function cleanFigure(model: PrepModel, s: PrepStrings, width: number): TemplateResult | typeof nothing {
  const view = model.clean;
  if (!view) return nothing;
  const marks = model.state.marks;
  const size = digitSize(width, 3);
  const labelOf = (panel: string) => format(s.clean.imageLabel, { panel, label: model.label });
  const cleanedCaption = model.state.fix === 'none' ? `${s.clean.panels.cleaned}${s.clean.panels.notCleaned}` : s.clean.panels.cleaned;
  return html`<div class="ml-digit-row" data-figure="clean">
      ${digitPanel(model.original, { size, caption: s.clean.panels.original, label: labelOf(s.clean.panels.original) })}
      ${digitPanel(view.corrupted, {
        size,
        label: labelOf(s.clean.panels.corrupted),
        missing: view.missing,
        marked: marks ? view.corruptedMask : null,
        caption: html`${s.clean.panels.corrupted}<br /><span data-changed=${view.changedByCorruption}>${format(view.missing ? s.clean.missingCount : s.clean.changed, { n: view.changedByCorruption })}</span>${view.outOfRange > 0
            ? html`<br /><span data-out-of-range=${view.outOfRange}>${format(s.clean.outOfRange, { n: view.outOfRange })}</span>`
            : nothing}`,
      })}
      ${view.cleaned
        ? digitPanel(view.cleaned, {
            size,
            label: labelOf(cleanedCaption),
            marked: marks ? view.remainingMask : null,
            caption: html`${cleanedCaption}<br /><span data-remaining=${view.remaining ?? ''}>${format(s.clean.remaining, { n: view.remaining ?? 0 })}</span>${view.touched !== null
                ? html`<br /><span data-touched=${view.touched}>${format(s.clean.touched, { n: view.touched })}</span>`
                : nothing}`,
          })
        : html`<figure class="ml-digit ml-digit--failed" style=${`width: ${size}px`}>
            <p class="ml-error" role="alert" data-failure=${view.failure ?? ''}>${view.failure ? s.clean.failures[view.failure] : ''}</p>
          </figure>`}
    </div>
    <p class="ml-legend">
      ${view.missing ? html`<span><span class="ml-swatch ml-swatch--missing" aria-hidden="true"></span>${s.clean.missingLegend}</span>` : nothing}
      ${marks ? html`<span><span class="ml-swatch ml-swatch--mark" aria-hidden="true"></span>${s.clean.markLegend}</span>` : nothing}
    </p>
    ${view.note ? html`<p class="ml-prep__note" data-note=${view.note}>${s.clean.notes[view.note]}</p>` : nothing}
    ${view.repaired !== null && view.introduced !== null && model.state.fix !== 'none'
      ? html`<p class="ml-prep__stat" data-repaired=${view.repaired} data-introduced=${view.introduced}>
          ${format(s.clean.repairs, { broken: view.changedByCorruption, repaired: view.repaired, introduced: view.introduced })}
        </p>`
      : nothing}
    ${view.maeAfter !== null
      ? html`<p class="ml-prep__stat" data-mae-before=${view.maeBefore.toFixed(4)} data-mae-after=${view.maeAfter.toFixed(4)}>
          ${view.missing ? format(s.clean.maeMissing, { after: num(view.maeAfter, 3) }) : format(s.clean.mae, { before: num(view.maeBefore, 3), after: num(view.maeAfter, 3) })}
        </p>`
      : nothing}
    ${view.example
      ? html`<div class="ml-prep__formula">
          <p>${cleanExplain(view.example, s)}</p>
          ${tex(cleanFormula(view.example), true)}
        </div>`
      : view.cleaned && model.state.fix !== 'none' && view.touched === 0
        ? html`<p class="ml-prep__note">${s.clean.noChange}</p>`
        : nothing}`;
}

function normalizeFormula(view: NormalizeView): string[] {
  const fit = view.fit;
  if (!fit) return [];
  return view.examples.map((e) => {
    if (fit.kind === 'minmax') {
      const core = `\\frac{x-x_{\\min}}{x_{\\max}-x_{\\min}}`;
      const filled = `\\frac{${texNum(e.raw, 0)}-${texNum(fit.min, 0)}}{${texNum(fit.max, 0)}-${texNum(fit.min, 0)}}`;
      return fit.lo === 0
        ? `x'=${core}=${filled}=${texNum(e.value, 3)}`
        : `x'=-1+2\\cdot${core}=-1+2\\cdot${filled}=${texNum(e.value, 3)}`;
    }
    if (fit.kind === 'zscore') return `z=\\frac{x-\\mu}{\\sigma}=\\frac{${texNum(e.raw, 0)}-${texNum(fit.mean)}}{${texNum(fit.std)}}=${texNum(e.value, 3)}`;
    return `z_{${e.y},${e.x}}=\\frac{x_{${e.y},${e.x}}-\\mu_{${e.y},${e.x}}}{\\sigma_{${e.y},${e.x}}}=\\frac{${texNum(e.raw, 0)}-${texNum(e.mean ?? 0)}}{${texNum(e.std ?? 1)}}=${texNum(e.value, 2)}`;
  });
}

export function normalizeFigure(model: PrepModel, s: PrepStrings, width: number): TemplateResult | typeof nothing {
  const view = model.normalize;
  if (!view) return nothing;
  const t = s.normalize;
  const size = digitSize(width, 2, 140);
  const chartWidth = width >= 2 * 260 + 16 ? Math.floor((width - 16) / 2) : width;
  const stat = (x: { mean: number; std: number } | null) =>
    x ? html`<td>${num(x.mean, 3)}</td><td>${num(x.std, 3)}</td>` : html`<td>—</td><td>—</td>`;
  const valueFormat = (v: number) => String(Number(v.toFixed(2)));
  return html`<p class="ml-prep__note">${format(t.fitNote, { train: view.trainCount })}</p>
    ${view.failure ? html`<p class="ml-error" role="alert" data-failure=${view.failure}>${t.failures[view.failure]}</p>` : nothing}
    <div class="ml-digit-row" data-figure="normalize">
      ${digitPanel(view.before, { size, domain: [0, 255], caption: t.before, label: format(t.imageLabel, { panel: t.before, label: model.label }) })}
      ${view.after
        ? digitPanel(view.after, {
            size,
            domain: view.afterDomain,
            caption: html`${t.after}：[${num(view.afterDomain[0])}, ${num(view.afterDomain[1])}]`,
            label: format(t.imageLabel, { panel: t.after, label: model.label }),
          })
        : nothing}
    </div>
    <div class="ml-prep__formula">${normalizeFormula(view).map((f) => tex(f, true))}</div>
    <div class="ml-chart-row">
      <figure>
        <figcaption>${t.histBefore}</figcaption>
        ${histogramChart({ width: chartWidth, height: 200, bins: view.histBefore, x: { label: t.rawAxis, domain: [0, 255], ticks: 5 }, yLabel: t.share, share: true, cap: 3, label: t.histBefore })}
      </figure>
      ${view.histAfter.length
        ? html`<figure>
            <figcaption>${t.histAfter}</figcaption>
            ${histogramChart({ width: chartWidth, height: 200, bins: view.histAfter, x: { label: t.valueAxis, ticks: 5, format: valueFormat }, yLabel: t.share, share: true, cap: 3, label: t.histAfter })}
          </figure>`
        : nothing}
    </div>
    <table class="ml-table ml-prep__stats" data-held-mean=${view.heldAfter ? view.heldAfter.mean.toFixed(4) : ''} data-train-mean=${view.trainAfter ? view.trainAfter.mean.toFixed(4) : ''}>
      <caption>${t.table.caption}</caption>
      <thead><tr><td></td><th scope="col">${t.table.mean}</th><th scope="col">${t.table.std}</th></tr></thead>
      <tbody>
        <tr><th scope="row">${t.table.trainBefore}</th>${stat(view.trainBefore)}</tr>
        <tr><th scope="row">${t.table.trainAfter}</th>${stat(view.trainAfter)}</tr>
        <tr><th scope="row">${t.table.heldAfter}</th>${stat(view.heldAfter)}</tr>
      </tbody>
    </table>
    <p class="ml-prep__note">${view.fit?.kind === 'zscore-pixel' ? format(t.perPixelNote, { flat: view.fit.flat }) : t.heldNote}</p>`;
}

export function copyDescription(copy: AugmentCopy, s: PrepStrings): string[] {
  const a = s.augment;
  const p = copy.params;
  const parts = [
    format(a.rotation, { deg: num(p.degrees, 1) }),
    format(a.scale, { s: num(p.scale, 2) }),
    format(a.translation, { tx: num(p.tx, 1), ty: num(p.ty, 1) }),
  ];
  if (p.crop.width < 28 || p.crop.height < 28) parts.push(format(a.cropped, { w: p.crop.width, h: p.crop.height }));
  if (copy.flip) parts.push(a.flipped[copy.flip]);
  return parts;
}

export function augmentFigure(model: PrepModel, s: PrepStrings, width: number): TemplateResult | typeof nothing {
  const copies = model.augment;
  if (!copies) return nothing;
  const a = s.augment;
  const columns = width >= 640 ? 4 : width >= 300 ? 2 : 1;
  const size = Math.min(120, digitSize(width, columns, 120, 12));
  const bad = copies.filter((c) => c.flipChanges || c.rotationChanges).length;
  const first = copies[0];
  return html`<p class="ml-prep__caption">${format(a.gridCaption, { n: copies.length, seed: model.state.seed })}</p>
    <div class="ml-augment-grid" style=${`--ml-cell: ${size}px`} data-figure="augment">
      ${copies.map((copy, k) => {
        const parts = copyDescription(copy, s);
        const warning = copy.flipChanges
          ? format(a.flipWarning, { label: model.label })
          : copy.rotationChanges
            ? format(a.rotationWarning, { label: model.label })
            : '';
        return html`<figure class=${`ml-digit ml-augment${warning ? ' ml-augment--bad' : ''}`} data-copy=${k} data-degrees=${copy.params.degrees.toFixed(3)}
            data-flip=${copy.flip ?? ''} data-bad=${warning ? '1' : '0'}>
          ${pixelImage({ columns: 28, rows: 28, data: copy.image.data, size, label: format(a.imageLabel, { k: k + 1, params: parts.join('，') }) })}
          <figcaption>
            <strong>${format(a.copy, { k: k + 1 })}</strong><br />${parts.join('，')}
            ${warning ? html`<br /><span class="ml-augment__warning">⚠ ${warning}</span>` : nothing}
          </figcaption>
        </figure>`;
      })}
    </div>
    <p class="ml-prep__stat" data-bad-count=${bad}>${format(a.summary, { n: copies.length, bad })}</p>
    ${first
      ? html`<div class="ml-prep__formula">
          <p>${a.formulaIntro}</p>
          ${tex(
              `\\mathbf{p}'=s\\,R_\\theta(\\mathbf{p}-\\mathbf{c})+\\mathbf{c}+\\mathbf{t},\\quad s=${texNum(first.params.scale)},\\ \\theta=${texNum(first.params.degrees, 1)}^\\circ,\\ \\mathbf{t}=(${texNum(first.params.tx, 1)},\\,${texNum(first.params.ty, 1)}),\\ \\mathbf{c}=(13.5,\\,13.5)`,
              true,
            )}
        </div>`
      : nothing}`;
}
