/**
 * A progress bar on stderr that appears only for work slower than a second. On a terminal it
 * redraws one line; otherwise it writes a line at most every five seconds.
 */
export class ProgressBar {
  private readonly start = Date.now();
  private phase = '';
  private phaseStart = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(phase: string, done: number, total: number): void {
    const now = Date.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.phaseStart = now;
    }
    if (now - this.start < 1000) return;
    const tty = this.out.isTTY;
    if (now - this.lastDraw < (tty ? 100 : 5000)) return;
    this.lastDraw = now;
    const secs = ((now - this.phaseStart) / 1000).toFixed(0);
    let line: string;
    if (total > 0) {
      const f = Math.min(1, done / total);
      const width = 30;
      const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
      const counts = total > 1 ? ` ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}` : '';
      line = `${phase.padEnd(10)} [${bar}] ${(f * 100).toFixed(0).padStart(3)}%${counts} ${secs}s`;
    } else line = `${phase.padEnd(10)} … ${secs}s`;
    if (tty) this.out.write(`\r${line.padEnd(90)}`);
    else this.out.write(`${line}\n`);
    this.drawn = true;
  }

  /** Clear the bar's line before the summary is written. */
  finish(): void {
    if (this.drawn && this.out.isTTY) this.out.write(`\r${' '.repeat(90)}\r`);
  }
}
