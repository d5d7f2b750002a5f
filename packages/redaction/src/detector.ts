/** The interface every extra detector implements, including an optional local ONNX model. */
import type { Token } from './tokens.ts';
import type { Detection } from './types.ts';

/** What a detector sees: the whole text and its tokens. */
export interface DetectorInput {
  text: string;
  tokens: readonly Token[];
}

/**
 * A pluggable detector. Built-in detectors run first; an extra detector's spans are merged with
 * theirs (the longest span wins where they overlap). Its `detector` names should start with `model:`.
 */
export interface Detector {
  name: string;
  detect(input: DetectorInput): Detection[] | Promise<Detection[]>;
}
