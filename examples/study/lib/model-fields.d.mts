export const OPTIMIZER_FIELDS: readonly string[];
export function checkModelFields(profile: Record<string, any>): void;
