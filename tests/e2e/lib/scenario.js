// One end-to-end scenario = one node:test test with its own bot, data dir, playground and browser.
// On failure the error carries what was expected, what the chat showed, a screenshot path and the
// tails of the bot's and the playground's logs; everything started is stopped either way.
import { test } from 'node:test';
import { startBot } from './bot.js';
import { openChat } from './chat.js';
import { makeTempDir } from './processes.js';
import { startPlayground } from './playground.js';

// Setup (bot, playground, Chromium, the UI) takes ~10 s on an idle machine and up to ~35 s when the
// 2 cores are busy with builds; the steps themselves take a few seconds.
export const SCENARIO_TIMEOUT_MS = 90_000;

/** Whether run.sh's E2E_SCENARIOS filter (comma-separated names or file stems; empty = all) selects this one. */
export function isSelected(fileStem, env = process.env) {
  const filter = (env.E2E_SCENARIOS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return filter.length === 0 || filter.includes(fileStem) || filter.includes('all');
}

/**
 * Declares a scenario.
 * @param {string} name
 * @param {{ currentUser?: string, timeout?: number, file?: string }} options
 *   currentUser: a key of USERS in mock-users.js (default: the mentor);
 *   file: the scenario's file stem, matched against E2E_SCENARIOS (run.sh passes it).
 * @param {(ctx: { bot: Awaited<ReturnType<typeof startBot>>, playground: Awaited<ReturnType<typeof startPlayground>>, chat: Awaited<ReturnType<typeof openChat>>, dir: string, step: (what: string) => void }) => Promise<void>} body
 */
export function scenario(name, options, body) {
  const { currentUser, timeout = SCENARIO_TIMEOUT_MS, file } = options;
  const selected = !file || isSelected(file);
  test(name, {
    timeout,
    skip: selected ? false : `not in E2E_SCENARIOS=${process.env.E2E_SCENARIOS}`,
  }, async (t) => {
    const dir = makeTempDir(name);
    const started = Date.now();
    const note = (line) => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
    let bot;
    let playground;
    let chat;
    let lastStep = 'starting';
    const step = (what) => {
      lastStep = what;
      note(what);
    };
    try {
      step('starting the bot');
      bot = await startBot({ dataDir: dir });
      note(`bot ready on ${bot.url}`);
      step('starting the Agents Playground');
      playground = await startPlayground({ botUrl: bot.url, currentUser, workDir: dir });
      note(`playground ready on ${playground.url}`);
      step('opening the chat in Chromium');
      chat = await openChat(playground.url, { artifactsDir: dir, log: note });
      await body({ bot, playground, chat, dir, step });
      note(`scenario done in ${Date.now() - started} ms`);
    } catch (error) {
      const details = [`Scenario failed during: ${lastStep}`, `Temp dir (data, logs): ${dir}`];
      if (chat) {
        try {
          details.push(`Screenshot: ${await chat.screenshot()}`);
        } catch (shotError) {
          details.push(`(no screenshot: ${shotError.message})`);
        }
        const blocked = chat.blockedHosts();
        if (blocked.length) {
          details.push(`Blocked non-loopback hosts: ${blocked.join(', ')}`);
        }
        const errors = chat.pageErrors();
        if (errors.length) {
          details.push(`Page errors: ${errors.slice(-5).join(' | ')}`);
        }
      }
      if (bot) {
        details.push(`--- bot log tail (${bot.logFile}) ---\n${bot.logTail(40)}`);
      }
      if (playground) {
        details.push(playground.logTail());
      }
      error.message = `${error.message}\n\n${details.join('\n')}`;
      throw error;
    } finally {
      await chat?.close();
      await playground?.stop();
      await bot?.stop();
    }
  });
}
