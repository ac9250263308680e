export function trainPacked(options: Record<string, any>): Promise<any>;
