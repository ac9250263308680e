export function optimizerImplementation(): string;
export function trainLM(options: Record<string, any>): Promise<any>;
