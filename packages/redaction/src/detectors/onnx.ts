/**
 * A token-classification (NER) model in ONNX format behind the `Detector` interface. Nothing is
 * downloaded: the caller passes a local model file, the runtime module (e.g. `onnxruntime-node`,
 * installed by the caller) and the model's own tokenizer.
 */
import { access } from 'node:fs/promises';
import type { Detector } from '../detector.ts';
import type { Detection, SpanType } from '../types.ts';

export interface OnnxTensor {
  data: ArrayLike<number>;
  dims: readonly number[];
}
export interface OnnxSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, OnnxTensor>>;
}
/** The part of `onnxruntime-node`'s API this detector uses. */
export interface OnnxRuntime {
  InferenceSession: { create(path: string): Promise<OnnxSession> };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => unknown;
}

export interface OnnxDetectorOptions {
  /** Path of a local .onnx file. URLs are refused. */
  modelPath: string;
  runtime: OnnxRuntime;
  /** The model's tokenizer: ids and the character span of each id in `text`. */
  tokenize: (text: string) => { ids: number[]; offsets: [number, number][] };
  /** Label of each output class, in order, as BIO tags: "O", "B-PER", "I-PER", … */
  labels: string[];
  /** Entity suffix → span type. Default PER→PERSON, LOC→PLACE, ORG→ORGANISATION. */
  labelTypes?: Record<string, SpanType>;
  /** Model window in ids (default 512, including two special ids). */
  maxLength?: number;
  /** Ids to put before and after each window (e.g. [CLS] and [SEP]). */
  bos?: number;
  eos?: number;
}

const softmax = (row: number[]): number[] => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/**
 * Builds a detector that runs a local NER model over windows of the text and decodes BIO tags.
 * @example
 * const ort = await import('onnxruntime-node'); // installed by you; not a dependency of this package
 * const model = createOnnxDetector({ modelPath: '/models/ner.onnx', runtime: ort, tokenize: myTokenizer, labels });
 * const { spans } = await detectAsync(text, { cast, detectors: [model] });
 */
export function createOnnxDetector(opts: OnnxDetectorOptions): Detector {
  if (/^[a-z]+:\/\//i.test(opts.modelPath))
    throw new Error('createOnnxDetector: modelPath must be a local file, not a URL');
  const types = opts.labelTypes ?? { PER: 'PERSON', LOC: 'PLACE', GPE: 'PLACE', ORG: 'ORGANISATION' };
  const max = (opts.maxLength ?? 512) - 2;
  let session: Promise<OnnxSession> | undefined;
  const load = async (): Promise<OnnxSession> => {
    await access(opts.modelPath).catch(() => {
      throw new Error(`ONNX model not found at ${opts.modelPath}`);
    });
    return opts.runtime.InferenceSession.create(opts.modelPath);
  };
  return {
    name: 'model:onnx',
    async detect({ text }) {
      session ??= load();
      const s = await session;
      const { ids, offsets } = opts.tokenize(text);
      const out: Detection[] = [];
      // An entity may run on from one window into the next.
      let cur: { type: SpanType; start: number; end: number; probs: number[] } | undefined;
      const flush = (): void => {
        if (cur)
          out.push({
            start: cur.start,
            end: cur.end,
            type: cur.type,
            detector: 'model:onnx',
            confidence: cur.probs.reduce((a, b) => a + b, 0) / cur.probs.length,
          });
        cur = undefined;
      };
      for (let w = 0; w < ids.length; w += max) {
        const win = ids.slice(w, w + max);
        const seq = [
          ...(opts.bos === undefined ? [] : [opts.bos]),
          ...win,
          ...(opts.eos === undefined ? [] : [opts.eos]),
        ];
        const lead = opts.bos === undefined ? 0 : 1;
        const input = new opts.runtime.Tensor('int64', BigInt64Array.from(seq.map(BigInt)), [1, seq.length]);
        const mask = new opts.runtime.Tensor('int64', BigInt64Array.from(seq.map(() => 1n)), [1, seq.length]);
        const result = await s.run({ input_ids: input, attention_mask: mask });
        const logits = Object.values(result)[0];
        if (!logits) continue;
        const n = opts.labels.length;
        for (let i = 0; i < win.length; i++) {
          const row = Array.from({ length: n }, (_, k) => Number(logits.data[(i + lead) * n + k]));
          const p = softmax(row);
          const best = p.indexOf(Math.max(...p));
          const [bio, ent] = (opts.labels[best] ?? 'O').split('-') as [string, string | undefined];
          const type = ent ? types[ent] : undefined;
          const [a, b] = offsets[w + i]!;
          if (!type || bio === 'O') flush();
          else if (bio === 'I' && cur?.type === type) {
            cur.end = b;
            cur.probs.push(p[best]!);
          } else {
            flush();
            cur = { type, start: a, end: b, probs: [p[best]!] };
          }
        }
      }
      flush();
      return out;
    },
  };
}
