/** Entry point of dist/webview.js. */
import "@vscode/codicons/dist/codicon.css";
import "./styles/index.css";
import { start } from "./bootstrap";

start(document.getElementById("root") ?? document.body);
