/**
 * Splits markdown into top-level blocks so a streaming message can be rendered block by block:
 * a completed block is rendered once and keeps its DOM, only the growing end is rendered again.
 *
 * The split is incremental: text that only grew since the last split re-lexes only the part after
 * the completed blocks (block level only, no inline lexing). A block counts as completed when a
 * later block has started AND that later block's first line is finished, or a blank line lies
 * between them and the earlier one is not a list: until then appending could still change where
 * the earlier block ends (`foo\n***` is a paragraph and a rule, `foo\n***bold***` one paragraph;
 * `1. a\n\n2` a list and a paragraph, `1. a\n\n2. b` one list; an unterminated code fence runs to
 * the end of the text, so it stays the growing block).
 * The rare boundary the heuristic gets wrong is corrected when the message completes, which
 * re-splits from scratch (`final`).
 *
 * Reference-style links: definitions apply to the whole document, so each block is rendered with
 * the link map of the completed blocks (all of them once final); a block that could contain a
 * reference link is re-rendered when that map changes.
 */
import { Lexer, type Links, type Token, type Tokens } from "marked";
import { markedOptions } from "./render";

export type LinkMap = Links;

export interface Block {
  raw: string;
  /** Stable identity: index, a hash of the raw text, the link map when it matters, finality. */
  key: string;
  /** Whether it could hold a reference link (then it is rendered with `links`). */
  refs: boolean;
  /** Completed blocks are highlighted; the growing last block is not (it changes every frame). */
  final: boolean;
}

export interface BlockSplit {
  /** The (normalised) text this split describes. */
  readonly text: string;
  /** Completed blocks; they do not change as text is appended. */
  readonly done: readonly Block[];
  /** Where the completed blocks end in `text`. */
  readonly doneEnd: number;
  /** Link definitions in the completed blocks (first definition wins). */
  readonly links: LinkMap;
  /** A short signature of `links` ("" when there are none). */
  readonly linksSig: string;
  /** The rest of the text after `done`: the block(s) still growing; "" when there is none. */
  readonly tail: string;
}

const EMPTY_LINKS: LinkMap = Object.freeze(Object.create(null) as LinkMap);

/** FNV-1a, 32 bit, as base 36. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function collectDefs(tokens: readonly Token[], into: LinkMap): void {
  for (const token of tokens) {
    if (token.type === "def") {
      const def = token as Tokens.Def;
      if (!Object.hasOwn(into, def.tag)) into[def.tag] = { href: def.href, title: def.title };
    } else if (token.type === "list") {
      for (const item of (token as Tokens.List).items) collectDefs(item.tokens, into);
    } else if ("tokens" in token && Array.isArray(token.tokens)) {
      collectDefs(token.tokens, into);
    }
  }
}

/** Whether the line starting at `position` follows a blank line. */
function afterBlankLine(text: string, position: number): boolean {
  let i = position - 1;
  if (text[i] !== "\n") return false;
  i--;
  while (text[i] === " " || text[i] === "\t") i--;
  return text[i] === "\n";
}

function blockTokens(text: string): Token[] | null {
  try {
    return new Lexer({ ...markedOptions }).blockTokens(text, []);
  } catch {
    return null;
  }
}

function makeBlock(raw: string, index: number, final: boolean, linksSig: string): Block {
  const refs = raw.includes("[");
  const key = final
    ? `${index}:${hashText(raw)}:${raw.length}${refs && linksSig ? `:${linksSig}` : ""}`
    : `${index}:live`;
  return { raw, key, refs, final };
}

function signature(links: LinkMap): string {
  const keys = Object.keys(links);
  return keys.length === 0 ? "" : hashText(JSON.stringify(keys.map((k) => [k, links[k]])));
}

/**
 * Splits `text` into completed blocks and a growing tail, reusing `previous` when `text` only
 * grew. With `final`, everything is a completed block and the split starts from scratch (exact:
 * the whole text is lexed as one document).
 */
export function splitBlocks(text: string, previous?: BlockSplit | null, final = false): BlockSplit {
  let done: Block[] = [];
  let doneEnd = 0;
  let links: LinkMap = EMPTY_LINKS;
  let linksSig = "";
  if (!final && previous && text.startsWith(previous.text)) {
    done = previous.done.slice();
    doneEnd = previous.doneEnd;
    links = previous.links;
    linksSig = previous.linksSig;
  }
  const rest = text.slice(doneEnd);
  const tokens = blockTokens(rest);
  // The lexer must account for every character; if it did not, render the rest as one block.
  let ends: number[] | null = tokens ? [] : null;
  if (tokens) {
    let position = 0;
    for (const token of tokens) {
      if (!rest.startsWith(token.raw, position)) {
        ends = null;
        break;
      }
      position += token.raw.length;
      ends!.push(position);
    }
    if (position !== rest.length) ends = null;
  }
  if (!tokens || !ends) {
    if (final && rest) done.push(makeBlock(rest, done.length, true, linksSig));
    return {
      text,
      done,
      doneEnd: final ? text.length : doneEnd,
      links,
      linksSig,
      tail: final ? "" : rest,
    };
  }

  // How many tokens are completed: all (final), or those before the last non-space token when
  // that token's first line is finished or a blank line separates it from the block before
  // (which then cannot absorb it, unless that is a list), else those before the one before it.
  let count = tokens.length;
  if (!final) {
    const starts = (i: number) => (i === 0 ? 0 : ends[i - 1]!);
    const contentful: number[] = [];
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.type !== "space") contentful.push(i);
    const last = contentful[contentful.length - 1];
    const before = contentful[contentful.length - 2];
    if (last === undefined) count = 0;
    else if (rest.indexOf("\n", starts(last)) !== -1) count = last;
    else if (before === undefined) count = 0;
    else if (tokens[before]!.type !== "list" && afterBlankLine(rest, starts(last))) count = last;
    else count = before;
  }

  // Group: a space token belongs to the block before it (leading space: to the one after it).
  const startSig = linksSig;
  const reused = done.length;
  const newLinks: LinkMap = Object.assign(Object.create(null) as LinkMap, links);
  collectDefs(tokens.slice(0, count), newLinks);
  const newSig = signature(newLinks);
  if (newSig !== linksSig) {
    links = newLinks;
    linksSig = newSig;
  }
  let blockStart = 0;
  let hasContent = false;
  for (let i = 0; i < count; i++) {
    if (tokens[i]!.type !== "space") hasContent = true;
    const last = i === count - 1;
    if (!last && !(hasContent && tokens[i + 1]!.type !== "space")) continue;
    if (!hasContent) break;
    done.push(makeBlock(rest.slice(blockStart, ends[i]), done.length, true, linksSig));
    blockStart = ends[i]!;
    hasContent = false;
  }
  // Earlier blocks that may hold reference links are rendered again with the new link map.
  if (linksSig !== startSig) {
    for (let i = 0; i < reused; i++) {
      const block = done[i]!;
      if (block.refs) done[i] = makeBlock(block.raw, i, true, linksSig);
    }
  }
  const tail = rest.slice(blockStart);
  return {
    text,
    done,
    doneEnd: doneEnd + blockStart,
    links,
    linksSig,
    tail,
  };
}
