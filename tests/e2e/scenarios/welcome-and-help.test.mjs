// A mentor opens the personal chat with PestProtocol, asks for help and reads the protocol's steps.
import { scenario } from '../lib/scenario.js';

export const WELCOME_TEXT = 'Welkom bij PestProtocol';
export const HELP_TEXT = 'Wat kan ik voor je doen?';
export const STEPS_BUTTON = 'Stappen van het protocol';
export const FIRST_STEP_TEXT = 'Stap 1 – Vermoedens van pesten';

scenario('welcome card, help card, and the protocol steps from its button', { currentUser: 'mentor', file: 'welcome-and-help' }, async ({ chat, step }) => {
  step(`waiting for the welcome card ("${WELCOME_TEXT}")`);
  await chat.waitForCard(WELCOME_TEXT);

  step('typing "help"');
  await chat.send('help');
  step(`waiting for the help card ("${HELP_TEXT}")`);
  await chat.waitForCard(HELP_TEXT);

  step(`clicking "${STEPS_BUTTON}" on the help card`);
  await chat.clickButton(STEPS_BUTTON, { inCard: HELP_TEXT });
  step(`waiting for the steps card ("${FIRST_STEP_TEXT}")`);
  await chat.waitForCard(FIRST_STEP_TEXT);
});
