export function fakeResult(run: Record<string, any>, i: number): unknown;
export function writeFakeStudy(root: string, profile: Record<string, any>, runs: readonly Record<string, any>[], options?: { failEvery?: number }): void;
