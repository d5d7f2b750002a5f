// The few WebAssembly JavaScript API types the kernel uses, as this module's own types over the
// global object rather than an augmentation of the global namespace: the repository compiles
// without the DOM library, @types/node 20 declares the WebAssembly namespace without these
// classes, and a global augmentation clashes with itself when a program sees two copies of this
// file (a git worktree whose node_modules resolve to another checkout's packages).

export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(delta: number): number;
}

/** A compiled module: opaque to the kernel. */
export interface WasmModule {
  readonly [Symbol.toStringTag]: string;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports?: Record<string, Record<string, unknown>>) => WasmInstance;
}

/** The global WebAssembly object, typed for the kernel. */
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
