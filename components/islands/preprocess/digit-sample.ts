import { parseDigitSample, type DigitSample, type DigitSampleErrorCode } from '../../../src/lib/mnist/sample-digits';

/**
 * The 300 real MNIST test digits of chapter 3 (public/data/mnist/sample-digits.bin), fetched
 * once per page and shared by every island that uses them (3.1.1 and 3.1.2).
 */
export type SampleLoad = ({ ok: true } & DigitSample) | { ok: false; code: 'network' | 'http' | DigitSampleErrorCode; status?: number };

let pending: Promise<SampleLoad> | null = null;

export function sampleUrl(): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}data/mnist/sample-digits.bin`;
}

async function fetchSample(): Promise<SampleLoad> {
  let response: Response;
  try {
    response = await fetch(sampleUrl());
  } catch {
    return { ok: false, code: 'network' };
  }
  if (!response.ok) return { ok: false, code: 'http', status: response.status };
  const parsed = parseDigitSample(new Uint8Array(await response.arrayBuffer()));
  return parsed.ok ? parsed : { ok: false, code: parsed.code };
}

export function loadDigitSample(): Promise<SampleLoad> {
  pending ??= fetchSample().then((result) => {
    // A failed load may be a passing network problem: the next island start tries again.
    if (!result.ok) pending = null;
    return result;
  });
  return pending;
}
