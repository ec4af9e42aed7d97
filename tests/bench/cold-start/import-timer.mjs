// Runs in a fresh Node process: imports one bundle and prints how long the
// import (load, parse, and the module's top-level code) took.
const started = performance.now();
await import(process.argv[2]);
const importMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ importMs })}\n`);
// A bundle may leave handles open (SDK agents, timers): the measurement is done.
process.exit(0);
