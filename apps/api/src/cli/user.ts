import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROLES, type Role, passwordSchema } from '@claimline/shared/auth';
import { loadConfig } from '../config.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { ApiError } from '../lib/problem.js';
import { findUserByEmail, listUsers } from '../repositories/users.js';
import { changeUser, createUser } from '../services/accounts.js';

/**
 * `npm run user -- <command>`: accounts from the command line, on the
 * configured database (DATABASE_URL, else PGlite in DATA_DIR), which it
 * migrates first if it is new. The first admin is made here; there is no
 * default password anywhere.
 *
 * The password comes from CLAIMLINE_PASSWORD when set (for scripts), else
 * from a prompt that does not echo (in a terminal); without either it stops.
 */

const USAGE = `Usage: npm run user -- <command> [options]

  add --email <email> --role <viewer|editor|admin>   create a user (asks for the password)
  list                                                every user with role and status
  set-role --email <email> --role <role>              change a role
  disable --email <email>                             sign the user out everywhere and refuse sign-in
  enable --email <email>                              let a disabled user in again
  set-password --email <email>                        set a new password (signs the user out)

The password is read from CLAIMLINE_PASSWORD when it is set, otherwise asked
for without echo. With the embedded database (no DATABASE_URL), stop the
server first: only one process may open the data folder.`;

class UsageError extends Error {}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    if (!values.help) throw new UsageError('no command given');
    return;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra.join(' ')}`);
  if (!['add', 'list', 'set-role', 'disable', 'enable', 'set-password'].includes(command)) throw new UsageError(`unknown command "${command}"`);

  const email = () => {
    if (!values.email) throw new UsageError(`${command} needs --email`);
    return values.email.trim().toLowerCase();
  };
  const role = (): Role => {
    if (!values.role) throw new UsageError(`${command} needs --role (${ROLES.join(', ')})`);
    if (!(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}"`);
    return values.role as Role;
  };
  // Read every argument (and the password) before opening the database, so a mistake never holds the folder.
  const args = {
    email: command === 'list' ? '' : email(),
    role: command === 'add' || command === 'set-role' ? role() : undefined,
    password: command === 'add' || command === 'set-password' ? await readPassword() : undefined,
  };

  const config = loadConfig(process.env, repoRoot);
  const handle = await openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) console.log(`migrated the database: ${applied.join(', ')}`);
    const { db } = handle;

    if (command === 'list') {
      const users = await listUsers(db);
      if (users.length === 0) console.log('no users yet: npm run user -- add --email you@example.org --role admin');
      for (const u of users) console.log(`${u.email.padEnd(40)} ${u.role.padEnd(7)} ${u.disabledAt ? `disabled ${u.disabledAt}` : 'active'}`);
      return;
    }
    if (command === 'add') {
      const user = await createUser(db, { email: args.email, role: args.role, password: args.password });
      console.log(`added ${user.email} (${user.role})`);
      return;
    }
    const existing = await findUserByEmail(db, args.email);
    if (!existing) throw new UsageError(`no user has the email ${args.email}`);
    const change =
      command === 'set-role' ? { role: args.role } : command === 'disable' ? { disabled: true } : command === 'enable' ? { disabled: false } : { password: args.password };
    const user = await changeUser(db, existing.id, change);
    console.log(`${user.email}: ${user.role}, ${user.disabledAt ? 'disabled' : 'active'}${command === 'set-password' ? ', new password set' : ''}`);
  } finally {
    await handle.close();
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.CLAIMLINE_PASSWORD;
  let password: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    password = fromEnv;
  } else if (process.stdin.isTTY) {
    password = await promptHidden('Password: ');
    const again = await promptHidden('Password again: ');
    if (again !== password) throw new UsageError('the two passwords differ');
  } else {
    throw new UsageError('set CLAIMLINE_PASSWORD, or run this in a terminal to be asked for the password');
  }
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(`the password ${checked.error.issues[0]?.message ?? 'is not acceptable'}`);
  return password;
}

/** Reads one line from the terminal with echo off (raw mode), handling backspace and Ctrl-C. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof DataDirInUseError || err instanceof UsageError) {
    console.error(`user: ${err.message}`);
  } else if (err instanceof ApiError) {
    const fields = err.errors?.map((e) => `${e.path} ${e.message}`).join('; ');
    console.error(`user: ${err.detail ?? err.title}${fields ? ` (${fields})` : ''}`);
  } else {
    console.error(`user: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exitCode = 1;
});
