// Types for stamps.mjs (plain JavaScript: it runs before npm ci installs TypeScript).
export declare function hashInputs(root: string, paths: string[], extra?: string[]): string;
export declare class Stamps {
  constructor(dir: string);
  readonly dir: string;
  file(name: string): string;
  fresh(name: string, hash: string, outputs?: string[]): boolean;
  record(name: string, hash: string): void;
}
