import { LitElement, html, type TemplateResult } from 'lit';
import { preprocessDrawing, toRgba, type PreparedDigit } from '../../../src/lib/mnist/preprocess-drawing';

const PAD = 280;

/**
 * A drawing pad for one digit (mouse, pen and touch through pointer events). After each
 * stroke it prepares the drawing as MNIST digits were prepared (src/lib/mnist/
 * preprocess-drawing.ts) and dispatches `digit` with the 28×28 pixels; it also shows that
 * 28×28 input, so the reader sees what the network sees.
 */
export class DigitPad extends LitElement {
  private drawing = false;
  private last: { x: number; y: number } | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.querySelector('canvas.ml-pad__canvas');
  }

  private point(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvas!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * PAD, y: ((event.clientY - rect.top) / rect.height) * PAD };
  }

  private stroke(to: { x: number; y: number }): void {
    const context = this.canvas?.getContext('2d');
    if (!context) return;
    context.strokeStyle = '#000';
    context.lineWidth = 20;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    const from = this.last ?? to;
    context.moveTo(from.x, from.y);
    context.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    context.stroke();
    this.last = to;
  }

  private down(event: PointerEvent): void {
    event.preventDefault();
    this.canvas?.setPointerCapture(event.pointerId);
    this.drawing = true;
    this.last = null;
    this.stroke(this.point(event));
  }

  private move(event: PointerEvent): void {
    if (this.drawing) this.stroke(this.point(event));
  }

  private up(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.last = null;
    this.emit();
  }

  clear(): void {
    this.canvas?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    this.showPreview(null);
    this.dispatchEvent(new CustomEvent('digit', { detail: { empty: true } satisfies PreparedDigit }));
  }

  /** Draws 28×28 grey pixels (0…255) onto the pad, scaled up: used for "take a test image". */
  drawPixels(pixels: Uint8Array): void {
    const context = this.canvas?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, PAD, PAD);
    const cell = PAD / 28;
    for (let i = 0; i < 784; i++) {
      const value = pixels[i] ?? 0;
      if (value === 0) continue;
      context.fillStyle = `rgba(0,0,0,${value / 255})`;
      context.fillRect((i % 28) * cell, Math.floor(i / 28) * cell, cell, cell);
    }
    this.emit();
  }

  private emit(): void {
    const context = this.canvas?.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    const rgba = context.getImageData(0, 0, PAD, PAD).data;
    const ink = new Uint8ClampedArray(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4 + 3] ?? 0;
    const prepared = preprocessDrawing({ width: PAD, height: PAD, ink });
    this.showPreview(prepared.empty ? null : prepared.pixels);
    this.dispatchEvent(new CustomEvent('digit', { detail: prepared }));
  }

  private showPreview(pixels: Float32Array | null): void {
    const preview = this.querySelector<HTMLCanvasElement>('canvas.ml-pad__preview')?.getContext('2d');
    if (!preview) return;
    const image = new ImageData(28, 28);
    if (pixels) image.data.set(toRgba(pixels));
    preview.putImageData(image, 0, 0);
  }

  protected override render(): TemplateResult {
    return html`<div class="ml-pad">
      <canvas
        class="ml-pad__canvas"
        width=${PAD}
        height=${PAD}
        role="img"
        aria-label="手写数字画板：用鼠标、触控笔或手指写一个 0–9 的数字"
        @pointerdown=${(e: PointerEvent) => this.down(e)}
        @pointermove=${(e: PointerEvent) => this.move(e)}
        @pointerup=${() => this.up()}
        @pointercancel=${() => this.up()}
      ></canvas>
      <figure class="ml-pad__input">
        <canvas class="ml-pad__preview" width="28" height="28" role="img" aria-label="送入网络的 28×28 输入"></canvas>
        <figcaption>网络看到的 28×28 输入</figcaption>
      </figure>
    </div>`;
  }
}

customElements.define('ml-digit-pad', DigitPad);
