export declare const serverBundle: string;
export declare function buildServer(): Promise<void>;
