import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAsync } from '../src/detect.ts';
import { createOnnxDetector, type OnnxRuntime } from '../src/detectors/onnx.ts';

/** A stand-in for onnxruntime-node: tags every id 7 as B-PER and every id 8 as I-PER. */
const fakeRuntime = (): OnnxRuntime & { loaded: string[] } => {
  const loaded: string[] = [];
  return {
    loaded,
    InferenceSession: {
      create: (path: string) => {
        loaded.push(path);
        return Promise.resolve({
          run: (feeds: Record<string, unknown>) => {
            const ids = [...(feeds.input_ids as { data: BigInt64Array }).data].map(Number);
            const labels = 3;
            const data = new Float32Array(ids.length * labels);
            ids.forEach((id, i) => (data[i * labels + (id === 7 ? 1 : id === 8 ? 2 : 0)] = 5));
            return Promise.resolve({ logits: { data, dims: [1, ids.length, labels] } });
          },
        });
      },
    },
    Tensor: class {
      constructor(
        public type: string,
        public data: BigInt64Array,
        public dims: number[],
      ) {}
    },
  };
};

/** Word-level "tokenizer": capitalised words are 7 (or 8 after another capital), others 1. */
const tokenize = (text: string) => {
  const ids: number[] = [];
  const offsets: [number, number][] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const cap = /^[A-Z]/.test(m[0]);
    ids.push(cap ? (ids[ids.length - 1] === 7 || ids[ids.length - 1] === 8 ? 8 : 7) : 1);
    offsets.push([m.index, m.index + m[0].length]);
  }
  return { ids, offsets };
};

describe('ONNX detector interface', () => {
  it('runs a local model through the runtime it is given and merges its spans', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-'));
    const modelPath = join(dir, 'ner.onnx');
    writeFileSync(modelPath, 'not really a model');
    const runtime = fakeRuntime();
    const model = createOnnxDetector({
      modelPath,
      runtime,
      tokenize,
      labels: ['O', 'B-PER', 'I-PER'],
      maxLength: 4,
    });
    const { spans } = await detectAsync('the lodger xqzt Vrelk Oomph stayed', {
      detectors: [model],
      policy: { detectUncast: false },
    });
    expect(spans.map((s) => [s.text, s.detector])).toEqual([['Vrelk Oomph', 'model:onnx']]);
    expect(runtime.loaded).toEqual([modelPath]);
  });
  it('never fetches a model: URLs are refused and a missing file is an error', async () => {
    const runtime = fakeRuntime();
    expect(() =>
      createOnnxDetector({ modelPath: 'https://example.com/ner.onnx', runtime, tokenize, labels: ['O'] }),
    ).toThrow(/local file/);
    const missing = createOnnxDetector({
      modelPath: '/nonexistent/ner.onnx',
      runtime,
      tokenize,
      labels: ['O'],
    });
    await expect(detectAsync('text', { detectors: [missing] })).rejects.toThrow(/not found/);
  });
});
