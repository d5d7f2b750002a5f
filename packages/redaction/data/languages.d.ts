/** One-word language and region names, lower case, space-separated (scripts/build-languages.ts). */
export declare const languages: string;
export declare const regions: string;
