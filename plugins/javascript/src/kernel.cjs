'use strict';
// The interactive kernel of the llm-sandbox JavaScript plugin.
//
// Cells arrive on descriptor 3 (a line "<id> <length>", then <length> bytes
// of code); each gets one JSON answer line on descriptor 4, after its output
// is flushed. Every cell runs as a script in this one context, so `var`,
// functions and top-level `let`/`const` stay defined for the next cells (as
// in a browser console). A promise a cell ends with is awaited. A cell that
// uses `await` at its top level is rewritten as Node's own REPL does it
// (`internal/repl/await`, reachable because the kernel runs with
// --expose-internals): its declarations are hoisted out of the async function
// that runs it, so they too stay defined. Where that is unavailable, such a
// cell runs inside an async function and its declarations stay in the cell.
// SIGINT abandons the running cell and keeps the context.
const fs = require('fs');
const path = require('path');
const util = require('util');
const vm = require('vm');
const { createRequire } = require('module');

(() => {
  // What a CommonJS script sees; `require` resolves from the work dir,
  // where npm installs packages.
  const here = path.join(process.cwd(), 'cell.js');
  globalThis.require = createRequire(here);
  globalThis.module = { exports: {} };
  globalThis.exports = globalThis.module.exports;
  globalThis.__filename = here;
  globalThis.__dirname = process.cwd();

  const answer = (message) => fs.writeSync(4, JSON.stringify(message) + '\n');
  const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));

  // Between cells an interrupt does nothing; during an awaited promise it
  // abandons the wait (a synchronous cell is stopped by breakOnSigint).
  let interrupt = null;
  process.on('SIGINT', () => {
    if (interrupt) interrupt();
  });

  // The stack down to the cell: this kernel's frames and vm's are noise.
  const userStack = (stack) => {
    const lines = String(stack).split('\n');
    const end = lines.findIndex((l) => /^\s+at /.test(l) && /node:vm|js_kernel\.cjs|sigintHandlersWrap/.test(l));
    return (end < 0 ? lines : lines.slice(0, end)).join('\n');
  };

  const describe = (error) => {
    if (error instanceof Error) {
      return { name: error.name, value: error.message, traceback: userStack(error.stack || '') };
    }
    return { name: 'Error', value: util.inspect(error), traceback: '' };
  };

  const options = (id) => ({ filename: `<cell ${id}>`, breakOnSigint: true });

  // Node's REPL rewrite of top-level await, when this Node has it.
  let topLevelAwait = null;
  try {
    topLevelAwait = require('internal/repl/await').processTopLevelAwait;
  } catch (_) {
    topLevelAwait = null;
  }

  // Run a cell; returns its value, or a promise of it, and whether the
  // value comes wrapped as `{ value }` (the REPL rewrite's convention).
  function start(id, code) {
    try {
      return { value: vm.runInThisContext(code, options(id)), wrapped: false };
    } catch (error) {
      if (!(error instanceof SyntaxError && /await is only valid/.test(error.message))) {
        throw error;
      }
      let rewritten = null;
      try {
        rewritten = topLevelAwait ? topLevelAwait(code) : null;
      } catch (_) {
        rewritten = null;
      }
      if (rewritten !== null) {
        return { value: vm.runInThisContext(rewritten, options(id)), wrapped: true };
      }
      return {
        value: vm.runInThisContext(`(async () => {\n${code}\n})()`, options(id)),
        wrapped: false,
      };
    }
  }

  async function runCell(id, code) {
    try {
      let { value, wrapped } = start(id, code);
      if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
        value = await Promise.race([
          value,
          new Promise((_, reject) => {
            interrupt = () => reject(new Error('the cell was interrupted while it awaited a promise'));
          }),
        ]);
      }
      if (wrapped) {
        value = value === undefined || value === null ? undefined : value.value;
      }
      return { id, status: 'ok', value: value === undefined ? null : util.inspect(value) };
    } catch (error) {
      return { id, status: 'error', error: describe(error) };
    } finally {
      interrupt = null;
    }
  }

  let pending = Buffer.alloc(0);
  const cells = [];
  let running = false;

  async function drain() {
    if (running) return;
    running = true;
    while (cells.length > 0) {
      const [id, code] = cells.shift();
      const result = await runCell(id, code);
      await flushed(process.stdout);
      await flushed(process.stderr);
      answer(result);
    }
    running = false;
  }

  const input = fs.createReadStream(null, { fd: 3 });
  input.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const newline = pending.indexOf(10);
      if (newline < 0) break;
      const [id, length] = pending.subarray(0, newline).toString().split(' ').map(Number);
      if (pending.length < newline + 1 + length) break;
      cells.push([id, pending.subarray(newline + 1, newline + 1 + length).toString('utf8')]);
      pending = pending.subarray(newline + 1 + length);
    }
    drain();
  });
  input.on('end', () => process.exit(0));
  answer({ id: 0, status: 'ready' });
})();
