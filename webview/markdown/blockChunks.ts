/**
 * Finished blocks of a long message, grouped under chunk elements. While a message streams, each
 * render grows its last block, and the browser lays out the message's element again: it walks
 * every child of it, even the ones whose layout it has cached. A long answer has hundreds of
 * blocks; in chunks of CHUNK_BLOCKS, a walk passes a few dozen children, and a chunk nothing
 * changed in is one cached layout. A chunk is a plain block box (no padding, border or own
 * formatting context), so the margins of the blocks in it collapse as before and the message
 * looks the same; index.css keeps the first and last block's margins off.
 */

/**
 * Blocks per chunk. A message shorter than this is never chunked. Moving blocks into a chunk
 * re-attaches them, and the browser rebuilds their layout in that frame: 16 keeps that frame
 * short while a walk still passes few children (bench 3, 390 blocks: at 32 the longest task grew
 * from 19 to 34 ms; at 16 it is 20-22 ms, with the same saving in layout).
 */
export const CHUNK_BLOCKS = 16;

export const CHUNK_CLASS = "markdown-chunk";

/** The chunks under one message's root, holding its first `blocks` blocks. */
export class BlockChunks {
  private chunks: HTMLElement[] = [];
  /** How many leading blocks are in chunks. */
  blocks = 0;

  constructor(private readonly root: HTMLElement) {}

  /**
   * Puts the finished blocks that are not in a chunk yet into new chunks, CHUNK_BLOCKS at a
   * time. `nodes(i)`: the i-th block's nodes, in order; `finished`: how many leading blocks will
   * not change any more (those a streamed render keeps).
   */
  add(finished: number, nodes: (block: number) => readonly ChildNode[]): void {
    while (finished - this.blocks >= CHUNK_BLOCKS) {
      const chunk = document.createElement("div");
      chunk.className = CHUNK_CLASS;
      let placed = false;
      for (let block = this.blocks; block < this.blocks + CHUNK_BLOCKS; block++) {
        for (const node of nodes(block)) {
          if (!placed) {
            this.root.insertBefore(chunk, node);
            placed = true;
          }
          chunk.appendChild(node);
        }
      }
      // (Blocks that render to nothing, link definitions only, leave their chunk out of the
      // DOM; it still counts, so chunk i holds blocks i × CHUNK_BLOCKS onwards.)
      this.chunks.push(chunk);
      this.blocks += CHUNK_BLOCKS;
    }
  }

  /**
   * Takes the blocks from `block` on out of their chunks, in place, and removes those chunks
   * (from the chunk holding `block`: the chunks before it stay as they are).
   */
  undo(block = 0): void {
    const first = Math.floor(block / CHUNK_BLOCKS);
    for (const chunk of this.chunks.slice(first)) {
      while (chunk.firstChild) this.root.insertBefore(chunk.firstChild, chunk);
      chunk.remove();
    }
    this.chunks.length = Math.min(this.chunks.length, first);
    this.blocks = this.chunks.length * CHUNK_BLOCKS;
  }

  /** The root's child that holds `node`: its chunk, or the node itself. */
  topLevel(node: ChildNode): ChildNode {
    const parent = node.parentElement;
    return parent?.parentNode === this.root && parent.classList.contains(CHUNK_CLASS)
      ? parent
      : node;
  }
}
