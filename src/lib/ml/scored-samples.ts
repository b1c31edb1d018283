import { createRng } from '../random/prng';
import type { ScoredSample } from './metrics';

/**
 * A small, reproducible set of classifier scores for the threshold demo: positives score
 * high and negatives low on average, with overlap so that no threshold is perfect.
 * Scores are logistic(z) with z ~ N(+separation/2, 1) for positives and N(−separation/2, 1)
 * for negatives.
 */
export function makeScoredSamples(
  seed: number,
  count = 40,
  positiveShare = 0.4,
  separation = 2.2,
): ScoredSample[] {
  const rng = createRng(seed);
  const positives = Math.round(count * positiveShare);
  const samples: ScoredSample[] = [];
  for (let i = 0; i < count; i++) {
    const positive = i < positives;
    const z = rng.normal() + (positive ? separation / 2 : -separation / 2);
    samples.push({ score: 1 / (1 + Math.exp(-z)), positive });
  }
  return samples.sort((a, b) => a.score - b.score);
}
