// The live area of `watch` on a terminal: a few lines at the bottom, redrawn in place (several times a
// second, on every change and on resize), with text printed above it as things happen. Written by
// hand: progress-bar libraries draw one bar per line at a fixed width, and neither fit the columns to
// the terminal nor redraw when it is resized.
import { layout, liveLines, type Paint, type RunView } from "./display.js";

export interface LiveDisplay {
  /** Draws the live area again (after a view changed). */
  refresh(): void;
  /** Prints `text` above the live area, on `to` (default: the live area's stream). */
  print(text: string, to?: NodeJS.WritableStream): void;
  /** Draws the last frame, shows the cursor, stops redrawing. */
  stop(): void;
}

export interface LiveOptions {
  paint: Paint;
  now?: () => number;
  /** Redraws per second (the spinner and elapsed times move). Default 5. */
  fps?: number;
}

type TtyStream = NodeJS.WritableStream & { columns?: number; rows?: number; on?: Function; off?: Function };

const ESC = "\u001b[";
// Visible width: escape sequences take no column.
const visible = (line: string) => line.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").length;

export function liveDisplay(views: readonly RunView[], stream: TtyStream, opts: LiveOptions): LiveDisplay {
  const now = opts.now ?? Date.now;
  let frame = 0;
  /** The lines drawn last, and the width they were drawn at. */
  let drawn: string[] = [];
  let stopped = false;

  const compose = (): string[] => {
    const columns = stream.columns ?? 80;
    const rows = stream.rows ?? 24;
    const t = now();
    // Two lines per run when the last event does not fit on the run's line and the rows allow it.
    let l = layout(columns, views);
    if (l.note === 0 && views.length * 2 > rows - 1) l = layout(columns, views, true);
    const lines = views.flatMap((v) => liveLines(v, l, t, frame, opts.paint));
    if (lines.length > rows - 1) {
      // More runs than rows: the runs still going first, and a count of the rest.
      const per = l.note === 0 ? 2 : 1;
      const keep = Math.max(1, Math.floor((rows - 2) / per));
      const order = [...views].sort((a, b) => Number(a.done) - Number(b.done)).slice(0, keep);
      return [...order.flatMap((v) => liveLines(v, l, t, frame, opts.paint)), `… and ${views.length - keep} more runs`];
    }
    return lines;
  };

  /** Moves to the top of the last frame (as the terminal now wraps it) and clears from there down. */
  const erase = (): string => {
    if (drawn.length === 0) return "";
    const columns = Math.max(1, stream.columns ?? 80);
    // A terminal made narrower rewraps lines that no longer fit (tmux and most others do).
    const rows = drawn.reduce((n, line) => n + Math.max(1, Math.ceil(visible(line) / columns)), 0);
    return `\r${ESC}${rows}A${ESC}J`;
  };

  const draw = (above = "") => {
    const lines = compose();
    const out = `${erase()}${above}${lines.join("\n")}\n`;
    drawn = lines;
    stream.write(out);
  };

  const onResize = () => {
    if (!stopped) draw();
  };
  stream.write(`${ESC}?25l`); // hide the cursor while drawing
  stream.on?.("resize", onResize);
  const tick = setInterval(
    () => {
      frame++;
      draw();
    },
    Math.round(1000 / (opts.fps ?? 5)),
  );
  tick.unref();
  draw();

  return {
    refresh() {
      if (!stopped) draw();
    },
    print(text, to) {
      if (stopped) {
        (to ?? stream).write(`${text}\n`);
        return;
      }
      if (!to || to === stream) {
        draw(`${text}\n`);
        return;
      }
      // Another stream on the same terminal (stderr): clear the area, print there, draw again.
      stream.write(erase());
      drawn = [];
      to.write(`${text}\n`);
      draw();
    },
    stop() {
      if (stopped) return;
      draw();
      stopped = true;
      clearInterval(tick);
      stream.off?.("resize", onResize);
      stream.write(`${ESC}?25h`);
    },
  };
}
