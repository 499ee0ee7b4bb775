/** `/init`: a turn asking Codex to write an AGENTS.md for this repository. */
import type { SlashHandler } from "./types";

/** The request sent to the model (English, like codex's own `/init`). */
export const INIT_PROMPT = `Generate a file named AGENTS.md that serves as a contributor guide for this repository.
Look at the repository first (its layout, build and test scripts, configuration, existing docs and recent history), then write concise, specific instructions for an AI coding agent working here:

- Project structure and where things live
- Build, test and development commands (exactly as they are run here)
- Coding style and naming conventions, including formatters and linters
- Testing guidelines: frameworks, where tests go, how to run one test
- Commit and pull request conventions, as the history shows them
- Anything surprising an agent should know (generated files, security or configuration notes)

Keep it short (200–400 words), use Markdown headings, and only state what you verified in the repository. If an AGENTS.md already exists, improve it instead of replacing what is still accurate.`;

export const init: SlashHandler = async (context) => {
  await context.bridge.threads.send(INIT_PROMPT, []);
};
