import qrcode from 'qrcode-generator';

/** A QR code of `text` as an SVG string (dark modules on a light background, error level M). */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
}
