'use strict';
/**
 * The one local DynamoDB engine (dynalite) of a store directory, shared by every kzmon process that opens
 * the store: LevelDB lets one process hold a database, so `kzmon serve` running beside `kzmon query` or
 * `kzmon demo` needs a single owner that the others talk to over loopback.
 *
 * Started detached by the first process that finds no engine (functions/local/shared-engine.ts). It
 * claims `<store>/engine.json` with an exclusive create (the lock), opens the database, checks it can
 * read it, and then publishes its ports there. Every user holds a TCP connection to the control port for
 * as long as it uses the store; when none has been held for a moment the engine closes the database,
 * removes engine.json and exits. A user that dies (even by kill -9) drops its connection, so nothing is
 * left holding the store. Plain CommonJS, so it runs without the CLI's TypeScript loader.
 *
 * argv: <store dir> <path of the dynalite module> [idle ms]
 */
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const [storeDir, dynalitePath, idleArg] = process.argv.slice(2);
const lockPath = path.join(storeDir, 'engine.json');
const dbPath = path.join(storeDir, 'db');
const IDLE_MS = Number(idleArg) > 0 ? Number(idleArg) : 2000;

function log(message) {
  process.stderr.write(`${new Date().toISOString()} engine ${process.pid}: ${message}\n`);
}

let claimed = false;

function claim() {
  try {
    const fd = fs.openSync(lockPath, 'wx');
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, db: dbPath, state: 'starting' }));
    fs.closeSync(fd);
    claimed = true;
    return true;
  } catch (err) {
    if (err.code === 'EEXIST') return false;
    throw err;
  }
}

function publish(info) {
  const tmp = `${lockPath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, db: dbPath, ...info }));
  fs.renameSync(tmp, lockPath);
}

function release() {
  try {
    const current = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    if (current.pid === process.pid) fs.unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

/** A ListTables through the HTTP front proves the database opened (LevelDB reports its lock lazily). */
function selfCheck(port) {
  return new Promise((resolve) => {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          'x-amz-date': date,
          authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve(res.statusCode === 200 ? null : body.slice(0, 500) || `HTTP ${res.statusCode}`),
        );
      },
    );
    req.on('error', (err) => resolve(err.message));
    req.end('{}');
  });
}

/**
 * LevelDB admits one process per database and reports a held lock only on first use, as a crash deep
 * in dynalite; opening it once here first turns that into a sentence.
 */
async function assertDatabaseFree() {
  const { Level } = require(require.resolve('level', { paths: [path.dirname(dynalitePath)] }));
  const db = new Level(dbPath);
  try {
    await db.open();
  } catch (err) {
    const cause = err?.cause?.message ?? err?.message ?? String(err);
    throw new Error(
      /lock/i.test(cause)
        ? `${dbPath} is open in another program (${cause}); close it (a script or test using this store) and try again`
        : `${dbPath} cannot be opened: ${cause}`,
    );
  }
  await db.close();
}

/** dynalite on a loopback port, proven able to read its database; throws with the reason otherwise. */
async function startDatabase() {
  await assertDatabaseFree();
  const dynalite = require(dynalitePath);
  const server = dynalite({ path: dbPath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const problem = await selfCheck(server.address().port);
  if (problem) throw new Error(`cannot open ${dbPath}: ${problem}`);
  return server;
}

/**
 * The control port: each user holds one connection for as long as it uses the store. With none held
 * for IDLE_MS the database is closed, the lock given back, and the engine ends.
 */
async function serveUsers(server) {
  let holders = 0;
  let idleTimer;
  let stopping = false;
  const control = net.createServer((socket) => {
    holders++;
    clearTimeout(idleTimer);
    socket.on('error', () => {});
    socket.on('close', () => {
      holders--;
      if (holders === 0) armIdle(IDLE_MS);
    });
  });
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    control.close();
    server.close(() => {
      release();
      process.exit(0);
    });
    // A database that will not close must not keep the lock forever.
    setTimeout(() => {
      release();
      process.exit(1);
    }, 10_000).unref();
  };
  function armIdle(ms) {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (holders === 0) stop('no process uses the store');
    }, ms);
  }
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
  // The first user connects right after reading this; until then the wait is longer.
  armIdle(IDLE_MS * 3);
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return control.address().port;
}

async function main() {
  fs.mkdirSync(dbPath, { recursive: true });
  if (!claim()) {
    log('another engine holds this store; leaving');
    return;
  }
  const server = await startDatabase();
  const control = await serveUsers(server);
  const port = server.address().port;
  publish({ state: 'ready', port, control, startedAt: new Date().toISOString() });
  log(`serving ${dbPath} on 127.0.0.1:${port}`);
}

// Whatever goes wrong is said where the waiting opener reads it, then the lock is given back.
process.on('uncaughtException', (err) => fail(err));
main().catch((err) => fail(err));

function fail(err) {
  log(`failed: ${err?.stack ? err.stack : err}`);
  if (!claimed) process.exit(1);
  try {
    publish({ state: 'failed', error: String(err?.message ? err.message : err), failedAt: Date.now() });
  } catch {}
  setTimeout(() => {
    release();
    process.exit(1);
  }, 1500);
}
