// Checks the harness itself against the echo bot: the playground takes our mock tenant, the
// browser drives it, the card helpers work, and a busy port is noticed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openChat } from '../lib/chat.js';
import { USERS } from '../lib/mock-users.js';
import { startPlayground } from '../lib/playground.js';
import { startEchoBot } from './echo-bot.js';

test('a student types, fills a card and submits it through the real playground UI', { timeout: 90_000 }, async (t) => {
  const bot = await startEchoBot();
  const playground = await startPlayground({ botUrl: bot.url, currentUser: 'student' });
  const chat = await openChat(playground.url, { artifactsDir: playground.dir, log: (line) => t.diagnostic(line) });
  try {
    await chat.waitForCard(`Echo is er (gebruiker ${USERS.student.aadObjectId})`);
    await chat.send('melding');
    await chat.waitForCard('Echo: melding');
    await chat.fillInput('Naam van de leerling', 'Sanne');
    await chat.fillInput('Groep', 'Groep 6');
    await chat.choose('Ernstig');
    await chat.clickButton('Verder');
    await chat.waitForCard('"leerling":"Sanne","groep":"6","ernst":"ernstig"');

    const message = bot.received.find((a) => a.type === 'message' && a.text === 'melding');
    assert.equal(message.channelId, 'msteams');
    assert.equal(message.conversation.conversationType, 'personal');
    assert.equal(message.from.aadObjectId, USERS.student.aadObjectId);
  } finally {
    await chat.close();
    await playground.stop();
    await bot.close();
  }
});

test('a playground that cannot have the requested port is refused', { timeout: 60_000 }, async () => {
  const bot = await startEchoBot();
  const first = await startPlayground({ botUrl: bot.url });
  try {
    await assert.rejects(startPlayground({ botUrl: bot.url, port: first.port }), /not on the requested port/);
  } finally {
    await first.stop();
    await bot.close();
  }
});

test('a failed wait names what was expected and shows the chat', { timeout: 90_000 }, async () => {
  const bot = await startEchoBot();
  const playground = await startPlayground({ botUrl: bot.url });
  const chat = await openChat(playground.url, { artifactsDir: playground.dir });
  try {
    await chat.waitForCard('Echo is er');
    await assert.rejects(chat.waitForCard('Dit staat nergens', { timeout: 1_500 }), (error) => {
      assert.match(error.message, /Expected a card containing "Dit staat nergens"/);
      assert.match(error.message, /--- the chat showed ---\n[\s\S]*Echo is er/);
      return true;
    });
  } finally {
    await chat.close();
    await playground.stop();
    await bot.close();
  }
});
