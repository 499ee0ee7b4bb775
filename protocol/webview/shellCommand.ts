/**
 * codex runs a model's command through the user's shell (`/bin/bash -lc '…'`). The user asked
 * about the command, not the wrapper: `unwrapShell` gives the quoted script back, or null when
 * `command` is not exactly such a wrapper (then it is shown as it is).
 */
const WRAPPER = /^(?:\/usr)?(?:\/bin\/)?(?:ba|z|da|k)?sh -l?c (.+)$/s;

/** One shell word made of '…' parts, \' and "'" (how codex and shlex quote a single quote). */
function unquote(word: string): string | null {
  let out = "";
  let rest = word;
  while (rest.length > 0) {
    const part = /^'([^']*)'/.exec(rest) ?? /^\\(')/.exec(rest) ?? /^"(')"/.exec(rest) ?? null;
    if (!part) return null;
    out += part[1];
    rest = rest.slice(part[0].length);
  }
  return out;
}

export function unwrapShell(command: string): string | null {
  const match = WRAPPER.exec(command);
  if (!match) return null;
  const script = unquote(match[1]!);
  return script && script.trim() ? script : null;
}
