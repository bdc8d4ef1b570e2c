export declare const serverBundle: string;
export declare const serverNodeFlags: string[];
export declare const serverEnv: Record<string, string>;
export declare function buildServer(): Promise<void>;
