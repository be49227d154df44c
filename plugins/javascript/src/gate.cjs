'use strict';
// Preloaded (NODE_OPTIONS=--require) into a spare of the JavaScript fork
// server (fork_server.pl): waits on descriptor 1000 for the run, then makes
// this process the one `node FILE ARGS...` would have started and leaves no
// trace of itself. Node then loads its main module: a link the server has
// just pointed at the program.
{
  // Exit code for the server: not the Node this was checked against.
  if (process.versions.node.split('.')[0] !== '18') process.exit(97);
  const fs = require('fs');
  const path = require('path');
  const chunks = [];
  const chunk = Buffer.alloc(65536);
  for (;;) {
    const read = fs.readSync(1000, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  fs.closeSync(1000);
  // The server went without a run for this spare.
  if (chunks.length === 0) process.exit(0);
  const run = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  delete process.env.NODE_OPTIONS;
  for (const key of Object.keys(run.env)) process.env[key] = run.env[key];
  process.argv.splice(1, process.argv.length - 1, path.resolve(run.argv[1]), ...run.argv.slice(2));
  delete require.cache[__filename];
}
