export interface Claim { id: string; source: string; claim: string; verdict: 'reproduced' | 'partly' | 'not reproduced' | 'not tested'; detail: string }
export const PAPER: Record<string, any>;
export function buildReport(root: string, options?: { only?: readonly string[]; png?: boolean; wallSeconds?: number }): Promise<{ report: string; html: string; figures: unknown[]; claims: Claim[] }>;
