/** Types for src/index.js (plain JavaScript: it runs before anything is built). */
export interface CommandPaths {
  name: string;
  packageDir: string;
  entryFile: string;
  distDir: string;
  manifestFile: string;
}
export function commandPaths(binFile: string, entry: string): CommandPaths;
export function freshBuild(manifestFile: string, entryFile: string): string | undefined;
export function buildCommand(paths: CommandPaths): Promise<string>;
export function ensureBuilt(binFile: string, entry: string): Promise<{ main: string; built: boolean }>;
export function launch(binUrl: string, entry: string): Promise<void>;
export function launchEntry(binFile: string): string | undefined;
export function buildAll(root: string): Promise<{ name: string; built: boolean; ms: number }[]>;
