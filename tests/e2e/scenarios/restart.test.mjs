// A dialog started in the Agents Playground survives a restart of the bot: the dialog state is in
// the bot's database, not in its memory. The texts below are what the bot's /melding dialog shows;
// adjust them here when the product's wording changes.
import { scenario } from '../lib/scenario.js';

/** What the mentor types to start a report. */
export const START_COMMAND = 'melding';
/** The first card of the report dialog contains one of these. */
export const FIRST_CARD_TEXT = /Stap 1|Over welke leerling/;
/** The first card's input (label) and what the mentor fills in; null when the card has no input. */
export const FIRST_CARD_INPUT = { label: 'Naam van de leerling', value: 'Sanne' };
/** The button on the first card that moves the dialog on. */
export const CONTINUE_BUTTON = 'Volgende';
/** The next step's card contains this. */
export const NEXT_CARD_TEXT = /Wat heb je gezien|Wat is er gebeurd/;

scenario('a /melding dialog continues after the bot restarts', { currentUser: 'mentor', file: 'restart' }, async ({ bot, chat, step }) => {
  step('waiting for the welcome card');
  await chat.waitForCard('Welkom bij PestProtocol');

  step(`typing "${START_COMMAND}"`);
  await chat.send(START_COMMAND);
  step(`waiting for the first card of the dialog (${FIRST_CARD_TEXT})`);
  await chat.waitForCard(FIRST_CARD_TEXT);

  step('restarting the bot (same port, same database)');
  await bot.restart();

  if (FIRST_CARD_INPUT) {
    step(`filling "${FIRST_CARD_INPUT.label}"`);
    await chat.fillInput(FIRST_CARD_INPUT.label, FIRST_CARD_INPUT.value, { inCard: FIRST_CARD_TEXT });
  }
  step(`clicking "${CONTINUE_BUTTON}" on the first card, answered by the restarted bot`);
  await chat.clickButton(CONTINUE_BUTTON, { inCard: FIRST_CARD_TEXT });
  step(`waiting for the next step's card (${NEXT_CARD_TEXT})`);
  await chat.waitForCard(NEXT_CARD_TEXT);
});
