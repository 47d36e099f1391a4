// A student reports bullying anonymously in the Agents Playground and reads the report back with the
// code and passphrase the bot gave. The student (Daan Mulder) types "anoniem", answers one short
// question per card (online, so the Bijlage 5 tips come at once), checks "Klopt dit?", sends it,
// reads the code and passphrase in the chat, then types "status <code>", fills in the passphrase and
// sees the report. The texts are the bot's own (src/PestProtocol.Bot/Anonymous/StudentCards.cs,
// ReportChoices.cs); adjust them here when the product's wording changes.
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';

export const WHAT_HAPPENED = 'In de groepsapp sturen ze gemene foto\'s van mij en lachen ze me uit.';
/** A question card and the answer the student picks (a radio in the playground) → "Volgende". */
export const CHOICE_STEPS = [
  { question: 'Waar gebeurt het?', answer: 'Online (app, social media, games)' },
  { question: 'Waar online gebeurt het?', answer: 'WhatsApp' },
  { question: 'Sinds wanneer gebeurt het?', answer: 'Een paar weken' },
  { question: 'Hoe vaak gebeurt het?', answer: 'Vaak' },
];
/** Code "K7M-4QX" and passphrase "7QKM-2HXD-9RTA", as the bot shows them (ReportCredentials). */
const CODE = /^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$/;
const PASSPHRASE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

scenario('a student reports anonymously, gets a code and passphrase, and reads the report back with them',
  { currentUser: 'student', file: 'anonymous-report', timeout: 150_000 }, async ({ chat, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');

    step('typing "anoniem"');
    await chat.send('anoniem');
    const first = await chat.cardText('Wat is er gebeurd?');
    assert.match(first, /^Anoniem melden\n/);
    assert.match(first, /De school ziet niet wie jij bent/);
    assert.match(first, /wat je hier typt, blijft wel in deze chat staan/);
    step('"Wat is er gebeurd?" in the student\'s own words → "Volgende"');
    await chat.fillInput('Vertel het in je eigen woorden', WHAT_HAPPENED, { inCard: 'Wat is er gebeurd?' });
    await chat.clickButton('Volgende', { inCard: 'Wat is er gebeurd?' });

    step('"Gaat het over jou of over iemand anders?" → "Over mij"');
    await chat.waitForCard('Gaat het over jou of over iemand anders?');
    await chat.clickButton('Over mij', { inCard: 'Gaat het over jou of over iemand anders?' });

    for (const { question, answer } of CHOICE_STEPS) {
      step(`"${question}" → "${answer}" → "Volgende"`);
      await chat.waitForCard(question);
      await chat.choose(answer, { inCard: question });
      await chat.clickButton('Volgende', { inCard: question });
      if (answer.startsWith('Online')) {
        step('online: the Bijlage 5 tips come at once');
        await chat.waitForCard('Tips als je online gepest wordt');
      }
    }

    step('"Wie doet het, en bij wie gebeurt het?" may stay empty → "Volgende"');
    await chat.waitForCard('Wie doet het, en bij wie gebeurt het?');
    await chat.clickButton('Volgende', { inCard: 'Wie doet het, en bij wie gebeurt het?' });

    step('"Klopt dit?" shows the answers (one location: not asked) → "Versturen"');
    const summary = await chat.cardText('Klopt dit?');
    for (const [fact, value] of [
      ['Wat', WHAT_HAPPENED],
      ['Over', 'Over mij'],
      ['Waar', 'Online (app, social media, games) – WhatsApp'],
      ['Sinds', 'Een paar weken'],
      ['Hoe vaak', 'Vaak'],
      ['Wie doet het', '(niet ingevuld)'],
      ['Locatie', 'Locatie De Wilgen'],
    ]) {
      assert.match(summary, new RegExp(`(^|\\n)${escape(fact)}\\s+${escape(value)}(\\n|$)`), `"Klopt dit?" shows ${fact}: ${value}; it shows:\n${summary}`);
    }
    await chat.clickButton('Versturen', { inCard: 'Klopt dit?' });

    step('"Je melding is verstuurd" with a code and a passphrase in the chat');
    const sent = await chat.cardText('Je melding is verstuurd');
    const code = /Code\s+(\S+)/.exec(sent)?.[1] ?? '';
    const passphrase = /Wachtwoord\s+(\S+)/.exec(sent)?.[1] ?? '';
    assert.match(code, CODE, `the card shows a report code; it shows:\n${sent}`);
    assert.match(passphrase, PASSPHRASE, `the card shows a passphrase; it shows:\n${sent}`);
    assert.match(sent, new RegExp(`Typ: status ${escape(code)}`));
    assert.doesNotMatch(sent, /Daan|Mulder/, 'the sent card does not name the student');

    step(`typing "status ${code}"`);
    await chat.send(`status ${code}`);
    const unlock = await chat.cardText(`Code: ${code}`);
    assert.match(unlock, /Mijn anonieme melding/);
    step('filling in the passphrase → "Bekijken"');
    await chat.fillInput('Wachtwoord', passphrase, { inCard: `Code: ${code}` });
    await chat.clickButton('Bekijken', { inCard: `Code: ${code}` });

    step('the status card: the report, its status, no messages yet');
    const thread = await chat.cardText('Verstuurd, nog niet gelezen');
    assert.match(thread, /^Je melding\n/, `the status card's heading; it shows:\n${thread}`);
    assert.match(thread, new RegExp(`Wat\\s+${escape(WHAT_HAPPENED)}`), `the status card shows the report; it shows:\n${thread}`);
    assert.match(thread, /Status\s+Verstuurd, nog niet gelezen/);
    assert.match(thread, /Er zijn nog geen berichten/);
  });

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
