/** Line numbers for offsets visited in increasing order, counting newlines incrementally. */
export class LineCounter {
  /** The line last located, and where it starts. */
  line = 0;
  lineStart = 0;
  /** The first newline at or after `lineStart` (the text length if none). */
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.nextNewline = this.newlineFrom(0);
  }

  /** The 0-based line of `offset`; `lineStart` is then where that line starts. */
  locate(offset: number): number {
    if (offset < this.lineStart) {
      this.line = 0;
      this.lineStart = 0;
      this.nextNewline = this.newlineFrom(0);
    }
    while (this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.newlineFrom(this.lineStart);
    }
    return this.line;
  }

  private newlineFrom(from: number): number {
    const nl = this.text.indexOf("\n", from);
    return nl < 0 ? this.text.length : nl;
  }
}
