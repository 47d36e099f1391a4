// A dialog started in the Agents Playground survives a restart of the bot: the dialog state is in
// the bot's database, not in its memory. The mentor starts /melding, picks the student, sees the
// step-1 card; the bot restarts (same port, same database); the mentor fills in that same card and
// the restarted bot goes on with the next card of the dialog. The texts below are the bot's own
// (src/PestProtocol.Bot/Cards/Melding); adjust them here when the product's wording changes.
import { scenario } from '../lib/scenario.js';

/** What the mentor types to start a report. */
export const START_COMMAND = 'melding';
/** The first card: which student. The playground has no type-ahead, so the name is typed. */
export const STUDENT_CARD = {
  text: 'Nieuwe melding',
  input: { label: 'Of typ de naam (als zoeken niet lukt)', value: 'Sanne de Boer' },
  button: 'Verder',
};
/** The card on screen while the bot restarts (the step-1 intake), what is filled in and the button. */
export const CARD_DURING_RESTART = {
  text: 'Melding over Sanne de Boer',
  inputs: [{ label: 'Wat heb je gezien of gehoord?', value: 'Ze wordt in de pauze uitgelachen en staat steeds alleen.' }],
  groups: ['Op school: met anderen'],   // the signals are grouped; a click opens the group
  toggles: ['Wordt uitgelachen, onvriendelijk behandeld'],
  button: 'Melding vastleggen',
};
/** The card the dialog goes on with after that button. */
export const NEXT_CARD_TEXT = 'Klopt het vermoeden?';

scenario('a /melding dialog continues after the bot restarts', { currentUser: 'mentor', file: 'restart' }, async ({ bot, chat, step }) => {
  step('waiting for the welcome card');
  await chat.waitForCard('Welkom bij PestProtocol');

  step(`typing "${START_COMMAND}"`);
  await chat.send(START_COMMAND);
  await chat.waitForCard(STUDENT_CARD.text);
  step(`filling "${STUDENT_CARD.input.label}" → "${STUDENT_CARD.button}"`);
  await chat.fillInput(STUDENT_CARD.input.label, STUDENT_CARD.input.value, { inCard: STUDENT_CARD.text });
  await chat.clickButton(STUDENT_CARD.button, { inCard: STUDENT_CARD.text });
  step(`waiting for the step-1 card ("${CARD_DURING_RESTART.text}")`);
  await chat.waitForCard(CARD_DURING_RESTART.text);

  step('restarting the bot (same port, same database)');
  await bot.restart();

  step('filling the step-1 card that the bot sent before its restart');
  for (const group of CARD_DURING_RESTART.groups) {
    await chat.clickButton(group, { inCard: CARD_DURING_RESTART.text });
  }
  for (const title of CARD_DURING_RESTART.toggles) {
    await chat.toggle(title, { inCard: CARD_DURING_RESTART.text });
  }
  for (const { label, value } of CARD_DURING_RESTART.inputs) {
    await chat.fillInput(label, value, { inCard: CARD_DURING_RESTART.text });
  }
  step(`clicking "${CARD_DURING_RESTART.button}", answered by the restarted bot`);
  await chat.clickButton(CARD_DURING_RESTART.button, { inCard: CARD_DURING_RESTART.text });
  step(`waiting for the next card of the dialog ("${NEXT_CARD_TEXT}")`);
  await chat.waitForCard(NEXT_CARD_TEXT);
});
