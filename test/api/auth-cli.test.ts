import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, ensureBuilt } from '../support/build.js';
import { ENGINES, TEST_DATABASE_URL } from '../support/database.js';
import { REPO_ROOT } from './kursk-model.js';

/**
 * `npm run user`: run as a real process (the built command, as npm runs it), on a database of its own
 * that it migrates itself. With the embedded database, while a server holds
 * the data folder, the CLI says so and exits 1, and the folder stays intact.
 */

type Run = { code: number | null; stdout: string; stderr: string };

function run(command: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The CLI with stdin not a terminal (so it reads CLAIMLINE_PASSWORD), as `npm run user --` runs it. */
const userCli = (args: string[], env: Record<string, string | undefined>) => run(process.execPath, [BUILT.userCli, ...args], env);

function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAIMLINE_PASSWORD: undefined, DATABASE_URL: undefined, DATA_DIR: undefined, ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** The built server, started straight with node (not through npm) so that SIGTERM reaches it. */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (text: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, [BUILT.server], {
    cwd: REPO_ROOT,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', CLAIMLINE_SEED: 'none', TILE_URL: '', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    child,
    output: () => out,
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (text.test(out)) {
            clearInterval(poll);
            resolve();
          } else if (child.exitCode !== null || Date.now() - started > 90_000) {
            clearInterval(poll);
            reject(new Error(`the server never printed ${text}:\n${out}`));
          }
        }, 100);
      }),
  };
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe.each(ENGINES)('npm run user on %s', (engine) => {
  beforeAll(() => ensureBuilt('server'), 120_000);
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** A database of the CLI's own: an empty PGlite folder, or an empty claimline_test_* PostgreSQL database. */
  async function emptyDatabase(): Promise<Record<string, string>> {
    if (engine === 'pglite') {
      const dir = mkdtempSync(path.join(tmpdir(), 'claimline-cli-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      return { DATA_DIR: dir };
    }
    const name = `claimline_test_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    return { DATABASE_URL: url.toString() };
  }

  it('add migrates an empty database and creates the first admin; list shows it; a duplicate or a short password exits 1', async () => {
    const db = await emptyDatabase();
    const added = await userCli(['add', '--email', 'First.Admin@Example.org', '--role', 'admin'], { ...db, CLAIMLINE_PASSWORD: 'a good long password' });
    expect(added.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('migrated the database');
    expect(added.stdout).toContain('added first.admin@example.org (admin)');

    const list = await userCli(['list'], db);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/first\.admin@example\.org\s+admin\s+active/);
    expect(list.stdout).not.toContain('migrated');

    const dup = await userCli(['add', '--email', 'first.admin@example.org', '--role', 'editor'], { ...db, CLAIMLINE_PASSWORD: 'another long password' });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('exists');

    const short = await userCli(['add', '--email', 'editor@example.org', '--role', 'editor'], { ...db, CLAIMLINE_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');

    const noPassword = await userCli(['add', '--email', 'editor@example.org', '--role', 'editor'], db);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('CLAIMLINE_PASSWORD');

    const badRole = await userCli(['add', '--email', 'editor@example.org', '--role', 'owner'], { ...db, CLAIMLINE_PASSWORD: 'a good long password' });
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of viewer, editor, admin');
  });

  it('set-role, disable and enable change the user; the last admin stays an admin', async () => {
    const db = await emptyDatabase();
    const password = { CLAIMLINE_PASSWORD: 'a good long password' };
    expect((await userCli(['add', '--email', 'boss@example.org', '--role', 'admin'], { ...db, ...password })).code).toBe(0);
    expect((await userCli(['add', '--email', 'analyst@example.org', '--role', 'viewer'], { ...db, ...password })).code).toBe(0);
    const promoted = await userCli(['set-role', '--email', 'analyst@example.org', '--role', 'editor'], db);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('analyst@example.org: editor, active');
    const disabled = await userCli(['disable', '--email', 'analyst@example.org'], db);
    expect(disabled.stdout).toContain('analyst@example.org: editor, disabled');
    const last = await userCli(['set-role', '--email', 'boss@example.org', '--role', 'viewer'], db);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('last active admin');
    const unknown = await userCli(['disable', '--email', 'nobody@example.org'], db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user has the email nobody@example.org');
  });

  it('npm start on a database without users says how to make one; while it runs, the embedded folder is refused cleanly (PostgreSQL is shared)', async () => {
    const db = await emptyDatabase();
    const server = startServer(db);
    cleanups.push(() => stopped(server.child));
    await server.waitFor(/Claimline is running/);
    expect(server.output()).toContain('no users yet');
    expect(server.output()).toContain('npm run user -- add --email you@example.org --role admin');
    expect(server.output()).not.toMatch(/password["']?\s*[:=]/i);

    const whileRunning = await userCli(['add', '--email', 'admin@example.org', '--role', 'admin'], { ...db, CLAIMLINE_PASSWORD: 'a good long password' });
    if (engine === 'pglite') {
      // One process per data folder: the CLI says who holds it and touches nothing.
      expect(whileRunning.code).toBe(1);
      expect(whileRunning.stderr).toContain(`is in use by process ${server.child.pid}`);
      expect(whileRunning.stderr).toContain('Stop that process first');
      expect(whileRunning.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      await stopped(server.child);
      const added = await userCli(['add', '--email', 'admin@example.org', '--role', 'admin'], { ...db, CLAIMLINE_PASSWORD: 'a good long password' });
      expect(added.code).toBe(0);
    } else {
      // PostgreSQL serves several processes: the CLI works beside the server.
      expect(whileRunning.code).toBe(0);
      await stopped(server.child);
    }
    const list = await userCli(['list'], db);
    expect(list.stdout).toMatch(/admin@example\.org\s+admin\s+active/);

    // The server starts cleanly on the same database afterwards, now quiet about users.
    const again = startServer(db);
    cleanups.push(() => stopped(again.child));
    await again.waitFor(/Claimline is running/);
    expect(again.output()).not.toContain('no users yet');
    await stopped(again.child);
  }, 180_000);
});
