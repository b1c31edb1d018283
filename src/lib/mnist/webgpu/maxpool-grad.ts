import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { KernelArgs } from '../../../tf/replace-kernels';
import { PerElementProgram, asWebGpuBackend, type UniformField } from './program';

/**
 * MaxPoolGrad on WebGPU in one dispatch: each thread owns one element of dx and adds the dy
 * of every window that covers it and whose first maximum (row-major, as the CPU backend
 * breaks ties) it is. tfjs's stock kernel takes two dispatches and an int32 buffer of argmax
 * positions in between. The windows are rescanned per element, which for the chapter's
 * 2×2 / stride 2 pools is one window of four values. NHWC float32; else the stock kernel.
 */
class MaxPoolGradProgram extends PerElementProgram {
  variableNames = ['dy', 'x'];
  shaderKey = 'ownMaxPoolGrad';
  uniforms = 'strides : vec2<i32>, pads : vec2<i32>, filterDims : vec2<i32>,';

  getUserCode(): string {
    return /* wgsl */ `
fn main(index : i32) {
  if (index >= uniforms.size) {
    return;
  }
  let shape = uniforms.xShape;
  let c = index % shape.w;
  let pixel = index / shape.w;
  let ix = pixel % shape.z;
  let iy = (pixel / shape.z) % shape.y;
  let b = pixel / (shape.z * shape.y);
  let at = vec2<i32>(iy, ix);
  // Windows o cover 'at' when o·s − pad ≤ at < o·s − pad + filter.
  let lowest = at + uniforms.pads - uniforms.filterDims + vec2<i32>(1);
  let first = max(vec2<i32>(0), (lowest + uniforms.strides - vec2<i32>(1)) / uniforms.strides);
  let last = min(uniforms.dyShape.yz - vec2<i32>(1), (at + uniforms.pads) / uniforms.strides);
  var sum = 0.0;
  for (var oy = first.x; oy <= last.x; oy++) {
    for (var ox = first.y; ox <= last.y; ox++) {
      let corner = vec2<i32>(oy, ox) * uniforms.strides - uniforms.pads;
      var best = -uniforms.INFINITY;
      var bestAt = vec2<i32>(-1);
      for (var fy = 0; fy < uniforms.filterDims.x; fy++) {
        let y = corner.x + fy;
        if (y < 0 || y >= shape.y) {
          continue;
        }
        for (var fx = 0; fx < uniforms.filterDims.y; fx++) {
          let x1 = corner.y + fx;
          if (x1 < 0 || x1 >= shape.z) {
            continue;
          }
          let v = x[((b * shape.y + y) * shape.z + x1) * shape.w + c];
          if (v > best) {
            best = v;
            bestAt = vec2<i32>(y, x1);
          }
        }
      }
      if (all(bestAt == at)) {
        sum += dy[((b * uniforms.dyShape.y + oy) * uniforms.dyShape.z + ox) * shape.w + c];
      }
    }
  }
  setOutputAtIndex(index, sum);
}
`;
  }
}

interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfType.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function maxPoolGrad(tf: Tf, args: KernelArgs, stock: tfType.KernelFunc | undefined): tfType.TensorInfo | tfType.TensorInfo[] {
  const { dy, input } = args.inputs;
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  if (dy?.dtype !== 'float32' || input?.dtype !== 'float32' || input.shape.length !== 4 || dy.shape.length !== 4) {
    if (stock === undefined) throw new Error('MaxPoolGrad: case not covered and no stock kernel to hand it to');
    return stock(args);
  }
  const backend = asWebGpuBackend(args.backend, 'MaxPoolGrad');
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== info.outChannels) {
    throw new Error(`MaxPoolGrad: dy shape ${dy.shape} does not match the pool's output ${info.outShape}`);
  }
  const uniforms: UniformField[] = [
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.filterHeight, info.filterWidth] },
  ];
  return backend.runWebGPUProgram(new MaxPoolGradProgram([...input.shape]), [dy, input], 'float32', uniforms);
}
