/**
 * The Dice kernel in WebAssembly: popcount of the AND of two filters over 64-bit words with the
 * `i64.popcnt` instruction (one POPCNT on x86-64), four words per step. Written as bytes here (a
 * few dozen instructions), so nothing is compiled or downloaded at run time. The memory is shared,
 * so worker threads work on one copy of the filters.
 *
 *   and_range(q, c, n, stride, out): out[i] = popcount(q & (c + i·stride)) for i < n
 *   and_list(q, base, idx, n, stride, out): out[i] = popcount(q & (base + idx[i]·stride))
 *
 * Pointers are byte offsets; `stride` is the filter length in bytes, a multiple of 32.
 */
// The WebAssembly classes, typed here (not in @types/node 20).
import { wasmApi, type WasmMemory, type WasmModule } from './webassembly-types.ts';

const enum Op {
  block = 0x02,
  loop = 0x03,
  end = 0x0b,
  br = 0x0c,
  brIf = 0x0d,
  localGet = 0x20,
  localSet = 0x21,
  i32Load = 0x28,
  i64Load = 0x29,
  i32Store = 0x36,
  i32Const = 0x41,
  i64Const = 0x42,
  i32Eqz = 0x45,
  i32LtU = 0x49,
  i64Popcnt = 0x7b,
  i64Add = 0x7c,
  i64And = 0x83,
  i32Add = 0x6a,
  i32Sub = 0x6b,
  i32Mul = 0x6c,
  i32WrapI64 = 0xa7,
}
const I32 = 0x7f;
const I64 = 0x7e;
const EMPTY = 0x40;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** Body of the inner loop: acc += popcount(q[o] & c[o]) for o = 0, 8, 16, 24; q += 32; c += 32. */
function innerLoop(q: number, c: number, qEnd: number, acc: number): number[] {
  const code: number[] = [Op.loop, EMPTY];
  for (let o = 0; o < 32; o += 8) {
    code.push(Op.localGet, acc);
    code.push(Op.localGet, q, Op.i64Load, 3, ...uleb(o));
    code.push(Op.localGet, c, Op.i64Load, 3, ...uleb(o));
    code.push(Op.i64And, Op.i64Popcnt, Op.i64Add, Op.localSet, acc);
  }
  code.push(Op.localGet, q, Op.i32Const, 32, Op.i32Add, Op.localSet, q);
  code.push(Op.localGet, c, Op.i32Const, 32, Op.i32Add, Op.localSet, c);
  code.push(Op.localGet, q, Op.localGet, qEnd, Op.i32LtU, Op.brIf, 0, Op.end);
  return code;
}

/** and_range(q 0, c 1, n 2, stride 3, out 4); locals: pq 5, pc 6, qEnd 7, acc 8 (i64). */
function andRange(): number[] {
  const [q, c, n, stride, out, pq, pc, qEnd, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const code: number[] = [
    ...vec([
      [3, I32],
      [1, I64],
    ]),
    Op.localGet,
    q,
    Op.localGet,
    stride,
    Op.i32Add,
    Op.localSet,
    qEnd,
    Op.block,
    EMPTY,
    Op.loop,
    EMPTY,
    Op.localGet,
    n,
    Op.i32Eqz,
    Op.brIf,
    1,
    Op.i64Const,
    0,
    Op.localSet,
    acc,
    Op.localGet,
    q,
    Op.localSet,
    pq,
    Op.localGet,
    c,
    Op.localSet,
    pc,
    ...innerLoop(pq, pc, qEnd, acc),
    Op.localGet,
    out,
    Op.localGet,
    acc,
    Op.i32WrapI64,
    Op.i32Store,
    2,
    0,
    Op.localGet,
    out,
    Op.i32Const,
    4,
    Op.i32Add,
    Op.localSet,
    out,
    Op.localGet,
    c,
    Op.localGet,
    stride,
    Op.i32Add,
    Op.localSet,
    c,
    Op.localGet,
    n,
    Op.i32Const,
    1,
    Op.i32Sub,
    Op.localSet,
    n,
    Op.br,
    0,
    Op.end,
    Op.end,
    Op.end,
  ];
  return [...uleb(code.length), ...code];
}

/** and_list(q 0, base 1, idx 2, n 3, stride 4, out 5); locals: pq 6, pc 7, qEnd 8, acc 9 (i64). */
function andList(): number[] {
  const [q, base, idx, n, stride, out, pq, pc, qEnd, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const code: number[] = [
    ...vec([
      [3, I32],
      [1, I64],
    ]),
    Op.localGet,
    q,
    Op.localGet,
    stride,
    Op.i32Add,
    Op.localSet,
    qEnd,
    Op.block,
    EMPTY,
    Op.loop,
    EMPTY,
    Op.localGet,
    n,
    Op.i32Eqz,
    Op.brIf,
    1,
    Op.i64Const,
    0,
    Op.localSet,
    acc,
    Op.localGet,
    q,
    Op.localSet,
    pq,
    Op.localGet,
    idx,
    Op.i32Load,
    2,
    0,
    Op.localGet,
    stride,
    Op.i32Mul,
    Op.localGet,
    base,
    Op.i32Add,
    Op.localSet,
    pc,
    ...innerLoop(pq, pc, qEnd, acc),
    Op.localGet,
    out,
    Op.localGet,
    acc,
    Op.i32WrapI64,
    Op.i32Store,
    2,
    0,
    Op.localGet,
    out,
    Op.i32Const,
    4,
    Op.i32Add,
    Op.localSet,
    out,
    Op.localGet,
    idx,
    Op.i32Const,
    4,
    Op.i32Add,
    Op.localSet,
    idx,
    Op.localGet,
    n,
    Op.i32Const,
    1,
    Op.i32Sub,
    Op.localSet,
    n,
    Op.br,
    0,
    Op.end,
    Op.end,
    Op.end,
  ];
  return [...uleb(code.length), ...code];
}

/** The module's bytes: memory imported (shared, up to `maxPages` of 64 KiB) as env.memory. */
export function kernelModuleBytes(maxPages: number): Uint8Array {
  const types = section(
    1,
    vec([
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0],
      [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0],
    ]),
  );
  const imports = section(
    2,
    vec([[...str('env'), ...str('memory'), 0x02, 0x03, ...uleb(1), ...uleb(maxPages)]]),
  );
  const funcs = section(3, vec([[0], [1]]));
  const exports = section(
    7,
    vec([
      [...str('and_range'), 0x00, 0],
      [...str('and_list'), 0x00, 1],
    ]),
  );
  const code = section(10, vec([andRange(), andList()]));
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...types,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ]);
}

export interface KernelExports {
  and_range(q: number, c: number, n: number, stride: number, out: number): void;
  and_list(q: number, base: number, idx: number, n: number, stride: number, out: number): void;
}

let compiled: WasmModule | null = null;
/** Pages the shared memory may grow to: 2 GiB. */
export const MAX_PAGES = 32768;

/** Instantiate the kernel on a shared memory (created by the caller, or received by a worker). */
export function instantiateKernel(memory: WasmMemory): KernelExports {
  compiled ??= new wasmApi.Module(kernelModuleBytes(MAX_PAGES));
  const instance = new wasmApi.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/** A shared memory of at least `bytes`. */
export function sharedMemory(bytes: number): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > MAX_PAGES)
    throw new RangeError(`the filters need ${bytes} bytes, more than the kernel's 2 GiB`);
  return new wasmApi.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
}
