export declare const serverBundle: string;
export declare const serverNodeFlags: string[];
export declare function buildServer(): Promise<void>;
