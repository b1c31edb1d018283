import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDigitSample, type DigitSample } from '../../../src/lib/mnist/sample-digits';

/**
 * Build time only (the islands' static fallbacks): the digit sample that the MNIST assets
 * integration writes into public/ before pages render. Null when it is not there.
 */
export function readDigitSampleFile(): DigitSample | null {
  try {
    const parsed = parseDigitSample(new Uint8Array(readFileSync(join(process.cwd(), 'public', 'data', 'mnist', 'sample-digits.bin'))));
    return parsed.ok ? parsed : null;
  } catch {
    return null;
  }
}
