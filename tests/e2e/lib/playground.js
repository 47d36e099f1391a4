// The Microsoft 365 Agents Playground (a Teams client emulator) as a child process, configured with
// the mock school tenant from mock-users.js and pointed at the bot's /api/messages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOT, DEFAULT_CURRENT_USER, GROUP_CHAT, TEAM, TENANT_ID, USERS, mockUser, personalChatId } from './mock-users.js';
import { freePort, httpGet, makeTempDir, spawnLogged, stopGroup, tail, waitUntil } from './processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '..', 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const START_TIMEOUT_MS = 30_000;

const userFields = ({ id, name, userPrincipleName, aadObjectId, givenName, surname, email }) =>
  ({ id, name, userPrincipleName, aadObjectId, givenName, surname, email });

/**
 * The playground's configuration: `currentUser` is the person at the keyboard (a key of USERS),
 * `users` the five others (the playground wants exactly five). The personal chat's id is that person's own
 * (`a:e2e-personal-<key>`), so several playgrounds can talk to one bot at once.
 */
export function playgroundConfig(currentUser = DEFAULT_CURRENT_USER) {
  const me = mockUser(currentUser);
  const others = Object.values(USERS).filter((u) => u.key !== me.key).slice(0, 5);
  if (others.length !== 5) {
    throw new Error('The Agents Playground needs exactly five users besides the current user.');
  }
  return {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: { id: BOT.id, name: BOT.name },
    currentUser: userFields(me),
    users: others.map(userFields),
    personalChat: { id: personalChatId(me.key) },
    groupChat: { id: GROUP_CHAT.id, name: GROUP_CHAT.name },
    team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId, channels: TEAM.channels.map((c) => ({ id: c.id, name: c.name })) },
  };
}

// A small YAML writer for plain objects, arrays and strings; strings are double-quoted JSON
// strings, which YAML reads the same way.
function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const inner = toYaml(item, `${indent}  `);
      return typeof item === 'object' ? `${indent}- ${inner.trimStart()}` : `${indent}- ${inner}`;
    }).join('\n');
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, v]) => (v && typeof v === 'object'
      ? `${indent}${key}:\n${toYaml(v, `${indent}  `)}`
      : `${indent}${key}: ${JSON.stringify(v)}`)).join('\n');
  }
  return JSON.stringify(value);
}

/**
 * Starts the playground and waits for GET /_debug/ping → pong on exactly the requested port.
 * @param {{ botUrl: string, port?: number, currentUser?: string, config?: object, workDir?: string }} options
 *   config replaces the generated configuration whole; currentUser picks who is typing.
 */
export async function startPlayground({ botUrl, port, currentUser, config, workDir }) {
  if (!existsSync(CLI)) {
    throw new Error(`The Agents Playground is not installed (${CLI}); run npm ci in tests/e2e.`);
  }
  const dir = workDir ?? makeTempDir('playground');
  const listenPort = port ?? await freePort();
  const effective = config ?? playgroundConfig(currentUser);
  writeFileSync(path.join(dir, '.m365agentsplayground.yml'), `${toYaml(effective)}\n`);
  const logFile = path.join(dir, 'playground.out.log');
  const internalLog = path.join(dir, 'devTools', 'm365agentsplayground.log');
  const env = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    BOT_ENDPOINT: `${botUrl}/api/messages`,
  };
  const running = spawnLogged(process.execPath, [CLI, '--port', String(listenPort), '--channel-id', 'msteams', '--disable-telemetry'], { cwd: dir, env, logFile });
  let exited;
  running.exited.then(({ code, signal }) => { exited = `the playground exited (code ${code}, signal ${signal})`; });
  const logs = () => `--- playground output (${logFile}) ---\n${tail(logFile, 30)}\n--- ${internalLog} ---\n${tail(internalLog, 30)}`;

  try {
    // It prints "Listening on N"; when the port is busy it silently takes another one, which must fail here.
    const actualPort = await waitUntil(() => {
      const match = /Listening on (\d+)/.exec(readFileSafe(logFile));
      return match ? Number(match[1]) : undefined;
    }, { timeoutMs: START_TIMEOUT_MS, what: 'playground printing "Listening on <port>"', stop: () => exited });
    if (actualPort !== listenPort) {
      throw new Error(`the playground listens on ${actualPort}, not on the requested port ${listenPort} (was it busy?)`);
    }
    await waitUntil(async () => (await httpGet(`http://127.0.0.1:${listenPort}/_debug/ping`)).text.trim() === 'pong', {
      timeoutMs: START_TIMEOUT_MS,
      what: `playground on ${listenPort} answering /_debug/ping with pong`,
      stop: () => exited || (/Failed to start/.test(readFileSafe(internalLog)) ? 'it logged "Failed to start"' : undefined),
    });
  } catch (error) {
    await stopGroup(running, 2_000);
    error.message += `\n${logs()}`;
    throw error;
  }

  return {
    url: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    dir,
    config: effective,
    logTail: logs,
    async stop() {
      await stopGroup(running, 5_000);
    },
  };
}

function readFileSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
