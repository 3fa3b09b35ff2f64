/**
 * SIGINT, SIGTERM and SIGHUP always end bcsql promptly. signal-exit (loaded with proper-lockfile
 * and write-file-atomic) listens for them; any listener replaces Node's default of exiting, and
 * signal-exit re-raises the signal only when it is the sole listener. So a signal that arrived while
 * another listener only asked for a graceful end, or while the main thread was busy, left the
 * process running. Here a signal first asks for the graceful end (if any), and the process exits
 * with 128 + the signal's number once `graceMs` has passed, whatever is still running.
 */
import * as os from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Handled = (typeof SIGNALS)[number];

/** Installs the handlers; the function returned removes them. */
export function endOnSignals(graceful?: (signal: Handled) => void, graceMs = 2000): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      const code = 128 + (os.constants.signals[signal] ?? 15);
      if (!graceful) process.exit(code);
      process.exitCode = code;
      // Not unref'd: this timer is what ends the process if the graceful end does not.
      setTimeout(() => process.exit(code), graceMs);
      graceful(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
