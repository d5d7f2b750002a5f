// The few WebAssembly JavaScript API types the kernel uses (imported for its types by the files
// that use them, so every package compiling pprl has them). The repository compiles without the
// DOM library, and @types/node 20 declares the WebAssembly namespace without these classes.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augments the global WebAssembly namespace
  namespace WebAssembly {
    interface MemoryDescriptor {
      initial: number;
      maximum?: number;
      shared?: boolean;
    }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer | SharedArrayBuffer;
      grow(delta: number): number;
    }
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
  }
}
export {};
