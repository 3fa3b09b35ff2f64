#!/usr/bin/env node
/** The `bcsql` executable (package.json "bin"). */
import { createProgram } from './program';

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

async function main(): Promise<void> {
  // `bcsql … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    await createProgram().parseAsync(process.argv);
  } catch (err) {
    process.stderr.write(`ERROR: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // Exit explicitly: stdin left half-read after a failed statement must not keep the process alive.
  process.exit(process.exitCode ?? 0);
}

void main();
