/**
 * The shipped weights of the learned name detector (`data/name-model.js`, written by
 * `scripts/train-name-model.ts`), decoded once on first use. Nothing is downloaded.
 */
import encoded from '../../data/name-model.js';
import { decodeWeights } from './perceptron.ts';

let cached: Map<string, Float32Array> | undefined;

/**
 * The model's weights, feature → score per tag.
 * @example
 * getNameModel().size; // number of features
 */
export function getNameModel(): Map<string, Float32Array> {
  return (cached ??= decodeWeights(encoded));
}
