// Text from a provider is untrusted: before it reaches a terminal, escape sequences and control
// characters are removed so that a status or an error text cannot move the cursor, recolour the
// screen, set the window title or hide what follows it.

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences, then any
// remaining C0 control (tab and newline excepted), DEL and C1 control.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with terminal escape sequences and control characters removed (tab and line feed kept).
 * Apply it to every provider-sourced string printed to a terminal: statuses, error texts, step
 * names, URLs.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}
