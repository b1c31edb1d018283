import type { MnistSplit } from './dataset';

/**
 * The IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian magic
 * number `00 00 08 nd` (08 = unsigned bytes, nd = number of dimensions), nd big-endian uint32
 * sizes, then exactly the product of the sizes in bytes. MNIST uses nd = 3 for images
 * (count, rows, cols) and nd = 1 for labels (count).
 */
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;
export const MNIST_SIDE = 28;

export type IdxErrorCode = 'too-short' | 'bad-magic' | 'bad-dims' | 'truncated' | 'extra-bytes' | 'bad-label' | 'bad-split';

export class IdxError extends Error {
  override readonly name = 'IdxError';
  constructor(
    readonly code: IdxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface IdxImages {
  kind: 'images';
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols pixels, row-major; a view into the input bytes, not a copy. */
  data: Uint8Array;
}

export interface IdxLabels {
  kind: 'labels';
  count: number;
  /** count labels in 0..9; a view into the input bytes, not a copy. */
  data: Uint8Array;
}

export type IdxFile = IdxImages | IdxLabels;

const hex = (n: number) => '0x' + n.toString(16).padStart(8, '0');

export function parseIdx(bytes: Uint8Array): IdxFile {
  if (bytes.length < 8) {
    throw new IdxError('too-short', `IDX 文件过短：只有 ${bytes.length} 字节，连文件头都不完整 / IDX file too short: ${bytes.length} bytes, not even a full header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== IDX_IMAGES_MAGIC && magic !== IDX_LABELS_MAGIC) {
    throw new IdxError(
      'bad-magic',
      `IDX 魔数错误：${hex(magic)}，应为 ${hex(IDX_IMAGES_MAGIC)}（图像）或 ${hex(IDX_LABELS_MAGIC)}（标签） / bad IDX magic number ${hex(magic)}, expected ${hex(IDX_IMAGES_MAGIC)} (images) or ${hex(IDX_LABELS_MAGIC)} (labels)`,
    );
  }
  const kind = magic === IDX_IMAGES_MAGIC ? 'images' : 'labels';
  const headerLength = magic === IDX_IMAGES_MAGIC ? 16 : 8;
  if (bytes.length < headerLength) {
    throw new IdxError('too-short', `IDX 文件头不完整：需要 ${headerLength} 字节，只有 ${bytes.length} 字节 / IDX header incomplete: needs ${headerLength} bytes, got ${bytes.length}`);
  }
  const dims: number[] = [];
  for (let offset = 4; offset < headerLength; offset += 4) dims.push(view.getUint32(offset, false));
  if (dims.some((d) => d === 0)) {
    throw new IdxError('bad-dims', `IDX 维度无效：[${dims.join(', ')}]，每一维都必须大于 0 / invalid IDX dimensions [${dims.join(', ')}]: every size must be positive`);
  }
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual < expected) {
    throw new IdxError('truncated', `IDX 文件被截断：维度 [${dims.join(', ')}] 需要 ${expected} 字节数据，实际只有 ${actual} 字节 / IDX file truncated: dimensions [${dims.join(', ')}] need ${expected} data bytes, found ${actual}`);
  }
  if (actual > expected) {
    throw new IdxError('extra-bytes', `IDX 文件末尾有多余数据：维度 [${dims.join(', ')}] 需要 ${expected} 字节数据，实际有 ${actual} 字节 / IDX file has trailing bytes: dimensions [${dims.join(', ')}] need ${expected} data bytes, found ${actual}`);
  }
  const data = bytes.subarray(headerLength);
  const [count = 0, rows = 0, cols = 0] = dims;
  if (kind === 'images') return { kind, count, rows, cols, data };
  for (let i = 0; i < data.length; i++) {
    const label = data[i] ?? 0;
    if (label > 9) {
      throw new IdxError('bad-label', `标签超出范围：第 ${i} 个标签是 ${label}，应在 0–9 之间 / label out of range: label #${i} is ${label}, expected 0–9`);
    }
  }
  return { kind, count, data };
}

/** Checks that an images file and a labels file form one MNIST split of `expectedCount` 28×28 images. */
export function checkMnistSplit(images: IdxFile, labels: IdxFile, expectedCount: number): MnistSplit {
  const fail = (zh: string, en: string) => new IdxError('bad-split', `${zh} / ${en}`);
  if (images.kind !== 'images') throw fail('图像文件里装的是标签', 'the images file holds labels');
  if (labels.kind !== 'labels') throw fail('标签文件里装的是图像', 'the labels file holds images');
  if (images.rows !== MNIST_SIDE || images.cols !== MNIST_SIDE) {
    throw fail(`图像尺寸是 ${images.rows}×${images.cols}，应为 28×28`, `images are ${images.rows}×${images.cols}, expected 28×28`);
  }
  if (images.count !== labels.count) {
    throw fail(`图像有 ${images.count} 张，标签却有 ${labels.count} 个`, `${images.count} images but ${labels.count} labels`);
  }
  if (images.count !== expectedCount) {
    throw fail(`应有 ${expectedCount} 张图像，实际 ${images.count} 张`, `expected ${expectedCount} images, found ${images.count}`);
  }
  return { images: images.data, labels: labels.data, count: images.count };
}
