import { svg, nothing, type SVGTemplateResult } from 'lit';
import type { Point, Scales } from './xy-chart';

/**
 * The arc that marks an angle between two directions on a chart (the θ of a·b = |a||b|cos θ),
 * drawn the short way round at a fixed pixel radius, so it reads the same at any zoom.
 */
export function angleArc(scales: Scales, center: Point, from: Point, to: Point, radius: number, className: string): SVGTemplateResult | typeof nothing {
  // Angles on the page, counter-clockwise from east (pixel y grows downwards, hence the flip).
  const screen = (v: Point) => Math.atan2(-(scales.y(v.y) - scales.y(0)), scales.x(v.x) - scales.x(0));
  const a0 = screen(from);
  let a1 = screen(to);
  if (!Number.isFinite(a0) || !Number.isFinite(a1)) return nothing;
  while (a1 - a0 > Math.PI) a1 -= 2 * Math.PI;
  while (a0 - a1 > Math.PI) a1 += 2 * Math.PI;
  const cx = scales.x(center.x);
  const cy = scales.y(center.y);
  const at = (angle: number) => `${cx + radius * Math.cos(angle)} ${cy - radius * Math.sin(angle)}`;
  // Counter-clockwise on the page (a1 > a0) is sweep flag 0 in SVG's y-down coordinates.
  const sweep = a1 > a0 ? 0 : 1;
  return svg`<path class=${className} fill="none" d=${`M ${at(a0)} A ${radius} ${radius} 0 0 ${sweep} ${at(a1)}`} />`;
}
