export type Profile = Record<string, any> & { name: string; version: number };
export const PROFILE_DIR: string;
export const SCHEMA: unknown;
export function validateProfile(profile: unknown): Profile;
export function loadProfile(nameOrPath: string): Profile;
