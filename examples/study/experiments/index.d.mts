export const EXPERIMENTS: readonly { name: string; title: string }[];
export const EXPERIMENT_NAMES: readonly string[];
export function planRuns(profile: Record<string, any>, only?: readonly string[]): ({ id: string; kind: string; system: string } & Record<string, any>)[];
