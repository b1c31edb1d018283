import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../tf/namespace';
import { WasmKernelRunner, cropHW, explicitPad, fitAxis } from './wasm-kernel-runner';

/**
 * The two gradients of Conv2D for the wasm backend, each rewritten as one forward Conv2D
 * of transposed / reversed / zero-dilated tensors, so that the heavy work runs in the
 * backend's XNNPACK convolution. NHWC, any stride, 'valid' / 'same' / numeric / explicit
 * padding; dilation is always 1 (tf.grad of conv2d refuses dilated convolutions).
 */
type TensorInfo = tfType.TensorInfo;
type Shape4 = [number, number, number, number];

interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfType.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
}

function input(inputs: tfType.NamedTensorInfoMap, name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined || t.shape.length !== 4 || t.dtype !== 'float32') {
    throw new Error(`wasm ${kernel}: input '${name}' must be a float32 tensor of rank 4`);
  }
  return t;
}

function convInfo(tf: Tf, kernel: string, xShape: Shape4, filterShape: Shape4, attrs: ConvGradAttrs) {
  if (attrs.dataFormat !== 'NHWC') {
    throw new Error(`wasm ${kernel}: only dataFormat 'NHWC' is supported, got '${attrs.dataFormat}'`);
  }
  // tfjs never passes dilations to these kernels (its conv2d gradient refuses them); refuse
  // them here too rather than silently ignore them.
  if ([attrs.dilations ?? 1].flat().some((d) => d !== 1)) {
    throw new Error(`wasm ${kernel}: only dilation 1 is supported`);
  }
  return tf.backend_util.computeConv2DInfo(xShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

/**
 * dW[i,j,ci,co] = Σ_{n,oh,ow} x[n, oh·s+i−top, ow·s+j−left, ci] · dy[n,oh,ow,co]:
 * a convolution of xᵀ = x as [Cin, H, W, N] (channels N) with dyᵀ = dy as [OH, OW, N, Cout]
 * dilated by the stride, giving [Cin, fh, fw, Cout], transposed to [fh, fw, Cin, Cout].
 */
export function conv2DBackpropFilter(tf: Tf, args: Parameters<tfType.KernelFunc>[0]): TensorInfo {
  const kernel = 'Conv2DBackpropFilter';
  const x = input(args.inputs, 'x', kernel);
  const dy = input(args.inputs, 'dy', kernel);
  const attrs = args.attrs as unknown as ConvGradAttrs & { filterShape: Shape4 };
  const info = convInfo(tf, kernel, x.shape as Shape4, attrs.filterShape, attrs);
  const { strideHeight: sh, strideWidth: sw, outHeight, outWidth, padInfo } = info;
  if (dy.shape[1] !== outHeight || dy.shape[2] !== outWidth) {
    throw new Error(`wasm ${kernel}: dy shape ${dy.shape} does not match the convolution output`);
  }
  const fitH = fitAxis(info.inHeight, padInfo.top, (outHeight - 1) * sh + 1, info.filterHeight);
  const fitW = fitAxis(info.inWidth, padInfo.left, (outWidth - 1) * sw + 1, info.filterWidth);
  return WasmKernelRunner.use(tf, args.backend, (r) => {
    const xCropped = cropHW(r, x, fitH, fitW);
    const xT = r.run('Transpose', { x: xCropped }, { perm: [3, 1, 2, 0] });
    const dyT = r.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const dwT = r.run('Conv2D', { x: xT, filter: dyT }, {
      strides: [1, 1], dilations: [sh, sw], pad: explicitPad(fitH, fitW), dataFormat: 'NHWC',
    });
    return r.run('Transpose', { x: dwT }, { perm: [1, 2, 0, 3] });
  });
}

/**
 * dx = dy zero-dilated by the stride, padded by (filter − 1 − forward pad), convolved with
 * the filter reversed in H and W and with its in/out channels swapped.
 */
export function conv2DBackpropInput(tf: Tf, args: Parameters<tfType.KernelFunc>[0]): TensorInfo {
  const kernel = 'Conv2DBackpropInput';
  const dy = input(args.inputs, 'dy', kernel);
  const filter = input(args.inputs, 'filter', kernel);
  const attrs = args.attrs as unknown as ConvGradAttrs & { inputShape: Shape4 };
  const info = convInfo(tf, kernel, attrs.inputShape, filter.shape as Shape4, attrs);
  const { strideHeight: sh, strideWidth: sw, outHeight, outWidth, padInfo } = info;
  const [n, oh, ow, cout] = dy.shape as Shape4;
  if (oh !== outHeight || ow !== outWidth || cout !== info.outChannels) {
    throw new Error(`wasm ${kernel}: dy shape ${dy.shape} does not match the convolution output`);
  }
  // Dilating by s leaves s − 1 trailing zero rows/columns; fitAxis crops or pads to size.
  const fitH = fitAxis(oh * sh, info.filterHeight - 1 - padInfo.top, info.filterHeight, info.inHeight);
  const fitW = fitAxis(ow * sw, info.filterWidth - 1 - padInfo.left, info.filterWidth, info.inWidth);
  return WasmKernelRunner.use(tf, args.backend, (r) => {
    let dyDilated = dy;
    if (sh > 1 || sw > 1) {
      const spread = r.run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, cout] });
      const padded = r.run('PadV2', { x: spread }, {
        paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0,
      });
      dyDilated = r.run('Reshape', { x: padded }, { shape: [n, oh * sh, ow * sw, cout] });
    }
    const dyFit = cropHW(r, dyDilated, fitH, fitW);
    const reversed = r.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = r.run('Transpose', { x: reversed }, { perm: [0, 1, 3, 2] });
    return r.run('Conv2D', { x: dyFit, filter: swapped }, {
      strides: [1, 1], dilations: [1, 1], pad: explicitPad(fitH, fitW), dataFormat: 'NHWC',
    });
  });
}
