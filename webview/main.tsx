import { render } from "preact";

function App() {
  return <main>Codex</main>;
}

render(<App />, document.getElementById("root") ?? document.body);
