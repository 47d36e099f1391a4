// Child processes for the end-to-end run: each in its own process group, so stopping one stops
// everything it started, and none of them outlives the test file (or the run, via run.sh).
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const live = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function killAllNow() {
  for (const child of live) {
    killGroup(child.pid, 'SIGKILL');
  }
  live.clear();
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  });
}

/**
 * Starts a command in its own process group with stdout and stderr appended to logFile.
 * Its group id is also written to $E2E_RUN_DIR/pgids, so run.sh can clean up after a crash.
 */
export function spawnLogged(command, args, { cwd, env, logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  live.add(child);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  child.once('error', () => live.delete(child));
  if (process.env.E2E_RUN_DIR && child.pid) {
    try {
      appendFileSync(path.join(process.env.E2E_RUN_DIR, 'pgids'), `${child.pid}\n`);
    } catch {
      // best effort: the exit hook above still kills it
    }
  }
  return { child, exited };
}

/** Stops a process group: SIGTERM, then SIGKILL when it has not exited within graceMs. */
export async function stopGroup({ child, exited }, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return exited;
  }
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh directory for one test file: under $E2E_RUN_DIR when run.sh set it, else the system temp dir. */
export function makeTempDir(name) {
  const root = process.env.E2E_RUN_DIR || os.tmpdir();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
}

/** A loopback port that was free a moment ago: bind port 0, read it, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of a log file, for failure messages. */
export function tail(file, lines = 60) {
  try {
    const text = readFileSync(file, 'utf8').split('\n');
    return text.slice(-lines).join('\n');
  } catch (error) {
    return `(no log at ${file}: ${error.message})`;
  }
}

/** Polls check() until it returns a truthy value or the time is up; gives up early when stop() says so. */
export async function waitUntil(check, { timeoutMs, intervalMs = 150, what, stop }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const reason = stop?.();
    if (reason) {
      throw new Error(`${what}: ${reason}`);
    }
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** GET a URL with a short timeout; resolves to { status, text } or throws. */
export async function httpGet(url, timeoutMs = 2_000) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, text: await response.text() };
}
