import { svg, nothing, type SVGTemplateResult } from 'lit';

/**
 * A straight arrow in a chart's pixel space, its head drawn as a small triangle (no SVG
 * `<marker>`, so no ids to keep unique when an island appears twice or in a fallback).
 * The stroke and head colour come from `className` (stroke for the shaft, fill for the head).
 */
export function arrow(
  from: { x: number; y: number },
  to: { x: number; y: number },
  className: string,
  options: { head?: number } = {},
): SVGTemplateResult | typeof nothing {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (!Number.isFinite(length) || length < 1) return nothing;
  const head = Math.min(options.head ?? 8, length * 0.6);
  const ux = dx / length;
  const uy = dy / length;
  const baseX = to.x - ux * head;
  const baseY = to.y - uy * head;
  const wing = head * 0.55;
  const points = [
    [to.x, to.y],
    [baseX - uy * wing, baseY + ux * wing],
    [baseX + uy * wing, baseY - ux * wing],
  ]
    .map(([x, y]) => `${(x as number).toFixed(1)},${(y as number).toFixed(1)}`)
    .join(' ');
  return svg`<g class=${`ml-arrow ${className}`}>
    <line class="ml-arrow__shaft" x1=${from.x} y1=${from.y} x2=${baseX} y2=${baseY} />
    <polygon class="ml-arrow__head" points=${points} />
  </g>`;
}
