export const TRACE: string | undefined;
export function hashPath(path: string): string;
export function runKey(args: string[], cwd?: string): string[];
export function traceRun(kind: string, args: string[]): void;
export function scriptName(argv: string[]): string;
