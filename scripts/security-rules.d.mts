export declare const BANNED_WEB_PREFERENCES: Record<string, boolean>;
export declare const BANNED_PATTERNS: { pattern: RegExp; reason: string }[];
