/** The part of scripts/build.mjs the TypeScript tests use. */
import type { BuildOptions } from "esbuild";

/** dist/webview.js and dist/webview.css, as the extension ships them. */
export declare const webviewBuild: BuildOptions;
