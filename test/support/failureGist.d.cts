/** One line that says why a test failed (see failureGist.cjs). */
export declare function failureGist(error: unknown): string;
