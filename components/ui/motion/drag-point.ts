import { svg, type SVGTemplateResult } from 'lit';
import type { ScaleLinear } from 'd3-scale';

/**
 * A point the reader moves on a chart: with the pointer (drag), or from the keyboard when
 * the handle has focus — arrows move one step, Shift+arrows ten, Home returns to the start.
 * It reads aloud as "name: (x, y)" through `aria-valuetext`. Pair it with two number fields
 * for exact entry (controls.ts); all three edit the same state through `onMove`.
 */
export interface DragPointOptions {
  /** Accessible name of the handle, e.g. "向量 a 的终点". */
  label: string;
  x: number;
  y: number;
  scales: { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> };
  /** Data units per arrow press on each axis. */
  step: number;
  /** Keeps a candidate position inside the allowed region (e.g. on a constraint line). */
  constrain?: (x: number, y: number) => { x: number; y: number };
  onMove: (x: number, y: number) => void;
  format?: (v: number) => string;
  className?: string;
  radius?: number;
  /** Where Home goes back to. */
  home?: { x: number; y: number };
}

const round = (v: number, step: number) => Math.round(v / step) * step;

/** Pointer position in the chart's data coordinates. */
function pointerData(event: PointerEvent, options: DragPointOptions): { x: number; y: number } {
  const svgElement = (event.currentTarget as SVGElement).ownerSVGElement;
  const box = svgElement?.getBoundingClientRect();
  const viewBox = svgElement?.viewBox.baseVal;
  if (!box || !viewBox || box.width === 0) return { x: options.x, y: options.y };
  const px = ((event.clientX - box.left) / box.width) * viewBox.width;
  const py = ((event.clientY - box.top) / box.height) * viewBox.height;
  return { x: options.scales.x.invert(px), y: options.scales.y.invert(py) };
}

export function dragPoint(options: DragPointOptions): SVGTemplateResult {
  const fmt = options.format ?? ((v: number) => String(Number(v.toFixed(2))));
  const constrain = options.constrain ?? ((x: number, y: number) => ({ x, y }));
  const move = (x: number, y: number) => {
    const next = constrain(x, y);
    options.onMove(next.x, next.y);
  };
  const onKey = (event: KeyboardEvent): void => {
    const by = options.step * (event.shiftKey ? 10 : 1);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-by, 0], ArrowRight: [by, 0], ArrowUp: [0, by], ArrowDown: [0, -by] };
    const delta = moves[event.key];
    if (delta) {
      event.preventDefault();
      move(round(options.x + delta[0], options.step / 10), round(options.y + delta[1], options.step / 10));
    } else if (event.key === 'Home' && options.home) {
      event.preventDefault();
      move(options.home.x, options.home.y);
    }
  };
  const onDown = (event: PointerEvent): void => {
    const target = event.currentTarget as SVGElement;
    target.setPointerCapture(event.pointerId);
    target.focus();
  };
  const onDrag = (event: PointerEvent): void => {
    if (!(event.currentTarget as SVGElement).hasPointerCapture(event.pointerId)) return;
    const p = pointerData(event, options);
    move(round(p.x, options.step), round(p.y, options.step));
  };
  return svg`<g class=${`ml-drag-point ${options.className ?? ''}`} tabindex="0" role="slider"
      aria-label=${options.label} aria-valuetext=${`${options.label}：(${fmt(options.x)}, ${fmt(options.y)})`}
      aria-valuenow=${options.x}
      @keydown=${onKey} @pointerdown=${onDown} @pointermove=${onDrag}>
    <circle class="ml-drag-point__hit" cx=${options.scales.x(options.x)} cy=${options.scales.y(options.y)} r="22" />
    <circle class="ml-drag-point__dot" cx=${options.scales.x(options.x)} cy=${options.scales.y(options.y)} r=${options.radius ?? 8} />
  </g>`;
}
