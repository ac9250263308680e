export function runDir(root: string, id: string): string;
export function resultPath(root: string, id: string): string;
export function isFinished(root: string, id: string): boolean;
export function logger(root: string, id: string): (line: string) => void;
export function writeResult(root: string, id: string, result: unknown): Promise<void>;
export function readResults(root: string): any[];
export function claimResultsFolder(root: string, profile: Record<string, any>, builderPath: string): Promise<unknown>;
