// An unsent anonymous report is kept only in the bot's memory (never in its database, so no file links the
// student's chat to the report: issue 16). When the bot restarts half-way, the student who clicks on is told
// kindly that the report is no longer open and how to begin again.
// The texts are the bot's own (src/PestProtocol.Bot/Anonymous/StudentCards.cs, AbandonedDraftNotice.cs).
import { scenario } from '../lib/scenario.js';

const WHAT_HAPPENED = 'Bij de kluisjes pakken ze steeds mijn telefoon af en lachen erom.';

scenario('a student whose half-written anonymous report was lost in a restart is told kindly to begin again',
  { currentUser: 'student', file: 'anonymous-draft-restart', timeout: 150_000 }, async ({ bot, chat, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');

    step('typing "anoniem melden" and telling what happened');
    await chat.send('anoniem melden');
    await chat.waitForCard('Wat is er gebeurd?');
    await chat.fillInput('Vertel het in je eigen woorden', WHAT_HAPPENED, { inCard: 'Wat is er gebeurd?' });
    await chat.clickButton('Volgende', { inCard: 'Wat is er gebeurd?' });
    await chat.waitForCard('Gaat het over jou of over iemand anders?');

    step('restarting the bot (same port, same database): the unsent draft was only in memory');
    await bot.restart();

    step('clicking "Over mij" on the card from before the restart');
    await chat.clickButton('Over mij', { inCard: 'Gaat het over jou of over iemand anders?' });
    await chat.waitForText('Deze kaart hoort bij een melding die niet meer open staat');
  });
