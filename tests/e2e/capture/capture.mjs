#!/usr/bin/env node
// Captures real Bot Framework activities from the Microsoft 365 Agents Playground (a Teams client
// emulator) for the schema corpus in tests/PestProtocol.BotFramework.Tests/Corpus/.
//
//   node tests/e2e/capture/capture.mjs              # writes the corpus files
//   node tests/e2e/capture/capture.mjs --out DIR    # writes them to DIR instead
//
// A tiny capture bot on 127.0.0.1 records every body the playground POSTs to /api/messages, byte for
// byte; headless Chromium plays the person: it opens the personal chat (installationUpdate,
// conversationUpdate), types a message (the bot answers with a card), fills the card's input and
// clicks Action.Submit (a message with `value`) and Action.Execute (an adaptiveCard/action invoke),
// then switches to the team channel and posts "@PestProtocol hallo", picking the mention from the
// compose box's typeahead. Each chosen activity is saved pretty-printed: only whitespace between
// tokens changes; every string, number and key order stays exactly as the playground sent it.
// Needs `npm ci` in tests/e2e and Debian's chromium (see tests/e2e/README.md). Nothing leaves 127.0.0.1.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openChat } from '../lib/chat.js';
import { BOT, TEAM } from '../lib/mock-users.js';
import { makeTempDir } from '../lib/processes.js';
import { startPlayground } from '../lib/playground.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = path.resolve(here, '..', '..', 'PestProtocol.BotFramework.Tests', 'Corpus');
const PERSONAL_TEXT = 'Hallo PestProtocol';
const CHANNEL = TEAM.channels[0];

/** The card the bot answers a typed message with: Input.Text "note", Submit (choice B), Execute (take). */
export const CAPTURE_CARD = Object.freeze({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Capture card', wrap: true },
      { type: 'Input.Text', id: 'note', label: 'Note' },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: 'Submit B', data: { choice: 'B' } },
          { type: 'Action.Execute', title: 'Take', verb: 'take', data: { caseId: 'x' } },
        ],
      },
    ],
  },
});

const INVOKE_RESPONSE = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' };

/**
 * Starts the capture bot on 127.0.0.1, any free port. Every POST to /api/messages is written to
 * rawDir as NNN-<type>.json exactly as received and answered 200; an invoke gets INVOKE_RESPONSE;
 * a typed message gets CAPTURE_CARD as a reply through the playground's connector.
 */
export function startCaptureBot({ rawDir }) {
  const received = [];
  const replies = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      if (req.method !== 'POST' || !req.url.startsWith('/api/messages')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let activity;
      try {
        activity = JSON.parse(raw);
      } catch {
        res.statusCode = 400;
        res.end();
        return;
      }
      const stem = [activity.type, activity.name].filter(Boolean).join('-').replace(/[^A-Za-z0-9-]+/g, '_');
      const file = path.join(rawDir, `${String(received.length + 1).padStart(3, '0')}-${stem}.json`);
      writeFileSync(file, raw);
      received.push({ file, raw, activity });

      res.statusCode = 200;
      if (activity.type === 'invoke') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(INVOKE_RESPONSE));
        return;
      }
      res.end();

      if (activity.type === 'message' && activity.value === undefined) {
        const reply = {
          type: 'message',
          from: activity.recipient,
          recipient: activity.from,
          conversation: activity.conversation,
          replyToId: activity.id,
          attachments: [CAPTURE_CARD],
        };
        const target = `${activity.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`;
        try {
          const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply) });
          replies.push({ target, status: response.status });
        } catch (error) {
          replies.push({ target, error: error.message });
        }
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      received,
      replies,
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
    }));
  });
}

/**
 * Pretty-prints JSON text by changing only the whitespace between tokens (two-space indent, one
 * space after a colon, empty objects and arrays as {} and []). Strings and numbers are copied
 * verbatim, so nothing a parser could see differently (number spelling, escapes, key order) changes.
 */
export function reindentJson(text) {
  let out = '';
  let depth = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') {
        j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let k = i + 1;
      while (/\s/.test(text[k])) {
        k += 1;
      }
      if (text[k] === close) {
        out += c + close;
        i = k;
      } else {
        depth += 1;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth -= 1;
      out += newline() + c;
    } else if (c === ',') {
      out += `,${newline()}`;
    } else if (c === ':') {
      out += ': ';
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return `${out}\n`;
}

/** The text with all whitespace outside strings removed: equal for two spellings of the same tokens. */
function tokensOnly(text) {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
}

/** Which captured activity becomes which corpus file. */
const CORPUS = [
  ['installationUpdate.json', (a) => a.type === 'installationUpdate' && a.conversation?.conversationType === 'personal'],
  ['conversationUpdate.json', (a) => a.type === 'conversationUpdate' && a.conversation?.conversationType === 'personal'],
  ['personal-message.json', (a) => a.type === 'message' && a.text === PERSONAL_TEXT],
  ['action-submit.json', (a) => a.type === 'message' && a.value !== undefined],
  ['adaptivecard-action-invoke.json', (a) => a.type === 'invoke' && a.name === 'adaptiveCard/action'],
  ['channel-installationUpdate.json', (a) => a.type === 'installationUpdate' && a.conversation?.conversationType === 'channel'],
  ['channel-conversationUpdate.json', (a) => a.type === 'conversationUpdate' && a.conversation?.conversationType === 'channel'],
  ['channel-message-mention.json', (a) => a.type === 'message' && a.conversation?.conversationType === 'channel'],
];

async function waitFor(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`capture: no ${what} within ${timeoutMs} ms`);
}

async function capture(outDir) {
  const dir = makeTempDir('capture');
  const rawDir = path.join(dir, 'raw');
  mkdirSync(rawDir, { recursive: true });
  const log = (line) => console.log(`capture: ${line}`);
  log(`raw bodies and logs in ${dir}`);

  const bot = await startCaptureBot({ rawDir });
  const has = (predicate) => () => bot.received.some(({ activity }) => predicate(activity));
  let playground;
  let chat;
  try {
    playground = await startPlayground({ botUrl: bot.url, workDir: dir });
    chat = await openChat(playground.url, { artifactsDir: dir, log });
    const { page } = chat;

    await waitFor('conversationUpdate on load', has(CORPUS[1][1]));
    await chat.send(PERSONAL_TEXT);
    await chat.waitForCard('Capture card');
    await chat.fillInput('Note', 'een notitie');
    await chat.clickButton('Submit B', { inCard: 'Capture card' });
    await waitFor('Action.Submit message', has(CORPUS[3][1]));
    await chat.clickButton('Take', { inCard: 'Capture card' });
    await waitFor('adaptiveCard/action invoke', has(CORPUS[4][1]));

    log(`switching to the channel "${CHANNEL.name}"`);
    await page.getByText(CHANNEL.name, { exact: true }).first().click();
    await waitFor('conversationUpdate for the channel', has(CORPUS[6][1]));
    const box = page.locator('[role="textbox"][contenteditable="true"]');
    await box.click();
    await box.pressSequentially(`@${BOT.name.slice(0, 4)}`);
    await page.locator('#typeahead-menu').getByRole('menuitem', { name: BOT.name }).click();
    await box.pressSequentially(' hallo');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await waitFor('channel message with a mention', has(CORPUS[7][1]));
    await chat.screenshot(path.join(dir, 'channel.png'));
  } finally {
    await chat?.close();
    await playground?.stop();
    await bot.close();
  }

  mkdirSync(outDir, { recursive: true });
  for (const [name, predicate] of CORPUS) {
    const found = bot.received.find(({ activity }) => predicate(activity));
    const pretty = reindentJson(found.raw);
    if (tokensOnly(pretty) !== tokensOnly(found.raw)) {
      throw new Error(`capture: re-indenting ${found.file} changed more than whitespace`);
    }
    writeFileSync(path.join(outDir, name), pretty);
    log(`${name} <- ${path.basename(found.file)}`);
  }
  log(`${bot.received.length} activities received, ${CORPUS.length} corpus files written to ${outDir}`);
}

const outAt = process.argv.indexOf('--out');
await capture(outAt >= 0 ? path.resolve(process.argv[outAt + 1]) : DEFAULT_OUT);
