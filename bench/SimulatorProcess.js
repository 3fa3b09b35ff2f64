/** Forks bench/simProcess.js and calls its commands as promises. */
const { fork } = require('node:child_process');
const path = require('node:path');

class SimulatorProcess {
  constructor() {
    this.child = fork(path.join(__dirname, 'simProcess.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.nextId = 1;
    this.pending = new Map();
    this.child.on('message', ({ id, ok, result, error }) => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(new Error(`simulator process: ${error}`));
    });
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`simulator process exited (${code})`));
      this.pending.clear();
    });
  }

  call(cmd, ...args) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, args });
    });
  }

  /** Starts a fresh simulator (new port, fresh rate-limit window) and returns its connection details. */
  start(opts) {
    return this.call('start', opts);
  }

  stats() {
    return this.call('stats');
  }

  async close() {
    await this.call('close').catch(() => undefined);
  }
}

module.exports = { SimulatorProcess };
