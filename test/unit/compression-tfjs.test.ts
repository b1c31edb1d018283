import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { dequantizeUint8, fromFloat16, quantizeUint8, toFloat16 } from '../../src/lib/ml/quantize';

// Our float16 and uint8 encodings read back by TensorFlow.js's own weight decoder: the
// 9.3 island's files say exactly what the page computed.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function decode(data: ArrayBuffer, spec: tf.io.WeightsManifestEntry): Promise<Float32Array> {
  const tensors = tf.io.decodeWeights(data, [spec]);
  const values = (await tensors[spec.name]!.data()) as Float32Array;
  tf.dispose(Object.values(tensors));
  return values;
}

describe('quantized weights through tf.io.decodeWeights', () => {
  it('float16: TensorFlow.js decodes our bits to our values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.float({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 64 }), async (list) => {
        const values = Float32Array.from(list);
        const { bits } = toFloat16(values);
        const decoded = await decode(bits.slice().buffer, { name: 'w', shape: [values.length], dtype: 'float32', quantization: { dtype: 'float16' } });
        expect(Array.from(decoded)).toEqual(Array.from(fromFloat16(bits)));
      }),
      { numRuns: 50 },
    );
  });
  it('uint8: TensorFlow.js computes q · scale + min exactly as the page does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 64 }), async (list) => {
        const values = Float32Array.from(list);
        const q = quantizeUint8(values);
        const decoded = await decode(q.q.slice().buffer, { name: 'w', shape: [values.length], dtype: 'float32', quantization: { dtype: 'uint8', min: q.min, scale: q.scale } });
        expect(Array.from(decoded)).toEqual(Array.from(dequantizeUint8(q)));
        values.forEach((v, i) => expect(Math.abs(decoded[i]! - v)).toBeLessThanOrEqual(q.scale / 2 + 1e-6));
      }),
      { numRuns: 50 },
    );
  });
});
