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

test('a wait after an action takes only what arrived or changed since, never an older card or message with the same text', { timeout: 120_000 }, async (t) => {
  const bot = await startEchoBot();
  const playground = await startPlayground({ botUrl: bot.url, currentUser: 'mentor' });
  const chat = await openChat(playground.url, { artifactsDir: playground.dir, log: (line) => t.diagnostic(line) });
  try {
    await chat.waitForCard('Echo is er');
    await chat.send('Sanne');
    await chat.waitForCard('Echo: Sanne');
    const cards = await chat.cardCount();

    // The bot answers 2 s late with the same text as the card already on the page (a slow machine): the wait must not
    // take the older card.
    await chat.send('langzaam Sanne');
    const late = await chat.cardText('echo: sanne');
    assert.match(late, /^Echo: Sanne/);
    assert.equal(await chat.cardCount(), cards + 1, 'cardText waited for the late answer instead of reading the older card');

    await chat.send('tekst Daan');
    await chat.waitForText('Tekst: Daan');
    await chat.send('langzaam tekst Daan');
    await chat.waitForText('Tekst: Daan');
    assert.equal((await chat.chatText()).split('Tekst: Daan').length - 1, 2, 'waitForText waited for the late plain answer');

    // A card the bot changes in place keeps its position: a wait after the click finds it there.
    const before = await chat.cardCount();
    await chat.clickButton('Bijwerken', { inCard: 'Echo: Sanne' });
    const updated = await chat.cardText('Bijgewerkt');
    assert.match(updated, /"knop":"Bijwerken"/);
    assert.equal(await chat.cardCount(), before, 'changed in place, not a new card');

    // An older card is not taken after an action, and the failure says so; on request it is.
    await chat.send('tekst niets');
    await chat.waitForText('Tekst: niets');
    await assert.rejects(chat.waitForCard('Echo is er', { timeout: 1_500 }), (error) => {
      assert.match(error.message, /Expected a card containing "Echo is er" within 1500 ms \(arriving or changed after send "tekst niets"; 1 older card\(s\) on the page match, which this wait does not take: pass \{ onlyNew: false \}/);
      return true;
    });
    assert.match(await chat.cardText('Echo is er', { onlyNew: false }), /Echo is er/);

    // mark(): what this page did not ask for itself (here: the late answer to a message typed before the mark).
    await chat.send('langzaam Lars');
    await chat.mark();
    const marked = await chat.cardText('Echo: Lars');
    assert.match(marked, /^Echo: Lars/);
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
