/**
 * `@`-mention candidates for the query being typed: `composer/searchFiles` after a short pause
 * (so fast typing sends one request, not one per key), and a response only counts while it is
 * still the newest question (a slow answer to an older query never replaces a newer one).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ContextCandidate, MentionCandidate } from "../../protocol/webview/messages";
import { request } from "../host";

export const MENTION_DEBOUNCE_MS = 30;

export interface MentionResults {
  /** The query these results answer (null: none yet). */
  query: string | null;
  files: MentionCandidate[];
  /** `@problems`, `@terminal`, `@changes`, `@selection` whose name starts with the query. */
  contexts: ContextCandidate[];
  busy: boolean;
}

export function useMentionSearch(query: string | null): MentionResults {
  const [results, setResults] = useState<MentionResults>({
    query: null,
    files: [],
    contexts: [],
    busy: false,
  });
  const sequence = useRef(0);
  useEffect(() => {
    const ask = ++sequence.current;
    if (query === null) {
      setResults({ query: null, files: [], contexts: [], busy: false });
      return;
    }
    setResults((current) => ({ ...current, busy: true }));
    const timer = setTimeout(() => {
      request("composer/searchFiles", { query })
        .then(({ files, contexts = [] }) => {
          if (ask === sequence.current) setResults({ query, files, contexts, busy: false });
        })
        .catch(() => {
          if (ask === sequence.current) setResults({ query, files: [], contexts: [], busy: false });
        });
    }, MENTION_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return results;
}
