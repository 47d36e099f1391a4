// One end-to-end scenario = one node:test test with its own bot and data dir, and a playground and a
// browser page per person at the keyboard (one, or several people at once against the same bot).
// On failure the error carries what was expected, what the chat showed, a screenshot path and the
// tails of the bot's and the playground's logs; everything started is stopped either way.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startBot } from './bot.js';
import { launchBrowser, openChat } from './chat.js';
import { DEFAULT_CURRENT_USER, mockUser } from './mock-users.js';
import { makeTempDir } from './processes.js';
import { startPlayground } from './playground.js';

// Setup (bot, playground, Chromium, the UI) takes ~10 s on an idle machine and up to ~35 s when the
// 2 cores are busy with builds; the steps themselves take a few seconds. `restart` took 36 s of its 90 s on the
// shared machine with its usual load: the default leaves a loaded CI machine four times that.
export const SCENARIO_TIMEOUT_MS = 150_000;

/** Whether run.sh's E2E_SCENARIOS filter (comma-separated names or file stems; empty = all) selects this one. */
export function isSelected(fileStem, env = process.env) {
  const filter = (env.E2E_SCENARIOS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return filter.length === 0 || filter.includes(fileStem) || filter.includes('all');
}

/**
 * Declares a scenario.
 * @param {string} name
 * @param {{ currentUser?: string, people?: string[], timeout?: number, file?: string, env?: Record<string, string> }} options
 *   currentUser: a key of USERS in mock-users.js (default: the mentor) for a scenario with one person;
 *   people: keys of USERS for a scenario with several people at once: each gets their own playground
 *   (own port, own personal chat id, own config) against the same bot, all started at once, and their
 *   own page (an isolated context of one shared Chromium), opened one after the other in this order;
 *   file: the scenario's file stem, matched against E2E_SCENARIOS (run.sh passes it);
 *   env: configuration for this scenario's bot (environment variables, e.g. { Prevention__Enabled: 'true' }).
 * @param {(ctx: {
 *   bot: Awaited<ReturnType<typeof startBot>>,
 *   chats: Record<string, Awaited<ReturnType<typeof openChat>>>,
 *   playgrounds: Record<string, Awaited<ReturnType<typeof startPlayground>>>,
 *   chat: Awaited<ReturnType<typeof openChat>>,
 *   playground: Awaited<ReturnType<typeof startPlayground>>,
 *   dir: string,
 *   step: (what: string) => void,
 * }) => Promise<void>} body
 *   chat and playground are the first person's (the only one, without `people`).
 */
export function scenario(name, options, body) {
  const { currentUser, people, timeout = SCENARIO_TIMEOUT_MS, file, env } = options;
  const keys = people?.length ? people : [currentUser ?? DEFAULT_CURRENT_USER];
  const several = Boolean(people?.length);
  if (new Set(keys).size !== keys.length) {
    throw new Error(`scenario "${name}": each person can be at one playground only (${keys.join(', ')})`);
  }
  keys.forEach(mockUser);
  const selected = !file || isSelected(file);
  test(name, {
    timeout,
    skip: selected ? false : `not in E2E_SCENARIOS=${process.env.E2E_SCENARIOS}`,
  }, async (t) => {
    const dir = makeTempDir(name);
    const started = Date.now();
    const note = (line) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
    let bot;
    let browser;
    const playgrounds = {};
    const chats = {};
    let lastStep = 'starting';
    const step = (what) => {
      lastStep = what;
      note(what);
    };
    try {
      step('starting the bot');
      bot = await startBot({ dataDir: dir, env });
      note(`bot ready on ${bot.url}`);
      step(`starting the Agents Playground${several ? ` for ${keys.join(', ')}` : ''}`);
      await everyone(keys.map(async (key) => {
        const workDir = several ? path.join(dir, key) : dir;
        mkdirSync(workDir, { recursive: true });
        playgrounds[key] = await startPlayground({ botUrl: bot.url, currentUser: key, workDir });
        note(`${several ? `${key}: ` : ''}playground ready on ${playgrounds[key].url}`);
      }));
      step(`opening the chat${several ? 's' : ''} in Chromium`);
      if (several) {
        browser = await launchBrowser();
      }
      // One page after the other, in the order listed: the playground's UI is a 5 MB bundle, and several
      // pages parsing it at once on 2 busy cores each take longer than one page alone. The order is
      // also the order in which the bot hears of each person (their conversationUpdate).
      for (const key of keys) {
        const log = several ? (line) => note(`${key}: ${line}`) : note;
        chats[key] = await openChat(playgrounds[key].url, {
          artifactsDir: playgrounds[key].dir, log, browser, who: several ? key : undefined, loadTimeout: several ? 45_000 : undefined,
        });
      }
      await body({ bot, chats, playgrounds, chat: chats[keys[0]], playground: playgrounds[keys[0]], dir, step });
      note(`scenario done in ${Date.now() - started} ms`);
    } catch (error) {
      const details = [`Scenario failed during: ${lastStep}`, `Temp dir (data, logs): ${dir}`];
      for (const key of keys) {
        const chat = chats[key];
        if (!chat) {
          continue;
        }
        const whose = several ? `${key}: ` : '';
        try {
          details.push(`${whose}Screenshot: ${await chat.screenshot()}`);
        } catch (shotError) {
          details.push(`${whose}(no screenshot: ${shotError.message})`);
        }
        const blocked = chat.blockedHosts();
        if (blocked.length) {
          details.push(`${whose}Blocked non-loopback hosts: ${blocked.join(', ')}`);
        }
        const errors = chat.pageErrors();
        if (errors.length) {
          details.push(`${whose}Page errors: ${errors.slice(-5).join(' | ')}`);
        }
        if (several) {
          try {
            details.push(`--- ${key}'s chat showed ---\n${await chat.chatText()}`);
          } catch (textError) {
            details.push(`${whose}(could not read the chat: ${textError.message})`);
          }
        }
      }
      if (bot) {
        details.push(`--- bot log tail (${bot.logFile}) ---\n${bot.logTail(40)}`);
      }
      for (const key of keys) {
        if (playgrounds[key]) {
          details.push(several ? `=== ${key}'s playground ===\n${playgrounds[key].logTail()}` : playgrounds[key].logTail());
        }
      }
      error.message = `${error.message}\n\n${details.join('\n')}`;
      throw error;
    } finally {
      await Promise.all(Object.values(chats).map((chat) => chat.close()));
      await browser?.close().catch(() => {});
      await Promise.all(Object.values(playgrounds).map((playground) => playground.stop()));
      await bot?.stop();
    }
  });
}

/** Waits for all of them, also when one fails (so nothing is still starting when the clean-up runs); throws the first failure. */
async function everyone(promises) {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}
