/** Entry point of dist/webview.js. */
// First: FAST reads the CSP nonce while its modules load (see cspNonce.ts).
import "./cspNonce";
import "@vscode/codicons/dist/codicon.css";
import "./styles/index.css";
import "./styles/plan.css";
import { start } from "./bootstrap";

start(document.getElementById("root") ?? document.body);
