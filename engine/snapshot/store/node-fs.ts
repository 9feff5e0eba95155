// The few Node file-system calls the directory backend needs, typed here and imported by a computed
// name: engine/ is also bundled for browsers, which must not try to resolve node:fs, and the
// published typings do not depend on @types/node.

export interface FileHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface Stats {
  mtimeMs: number;
}

export interface NodeFsPromises {
  open(path: string, flags: string): Promise<FileHandle>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<Stats>;
}

export interface NodePath {
  join(...parts: string[]): string;
  resolve(...parts: string[]): string;
}

export interface NodeModules {
  fs: NodeFsPromises;
  path: NodePath;
}

async function nodeImport<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

export async function loadNodeModules(): Promise<NodeModules> {
  const [fs, path] = await Promise.all([nodeImport<NodeFsPromises>('node:fs/promises'), nodeImport<NodePath>('node:path')]);
  return { fs, path };
}

/** The errno code of a Node error ('ENOENT', ...), or undefined. */
export function errno(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
