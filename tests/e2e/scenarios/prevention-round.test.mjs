// Issue 12, item 6: the yearly prevention round. The round's start day is set a week ahead (Prevention:StartDate) and
// the bot's development-only clock (/api/dev/clock) is moved past it, which runs the scheduler: the coordinator (Jeroen
// Bakker) gets the protocol's prevention checklist and the mentor (Anouk de Vries, mentor of 1a, 2b and 3c in the mock
// school) a card for her classes. She records "gedragsregels besproken met 2b"; the coordinator's `preventie` shows 2b
// done and 1a and 3c not. Five weeks later the coordinator is reminded, once, of what is still open.
// The texts are the bot's own (src/PestProtocol.Bot/Features/Prevention, src/PestProtocol.Domain/Prevention).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { moveClock, outboxSettled } from '../lib/clock.js';

/** The dispatcher polls its outbox every 2 s; on a busy machine more. */
const CARD_TIMEOUT_MS = 30_000;

/** MM-dd of the day a week from now: the round starts on the first school day on or after it. */
function aWeekFromNow() {
  const day = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return `${String(day.getUTCMonth() + 1).padStart(2, '0')}-${String(day.getUTCDate()).padStart(2, '0')}`;
}

const CLASSES_CARD = 'Gedragsregels met je klassen';
const CHECKLIST_CARD = 'Preventie 20';
const REMINDER_CARD = 'Herinnering preventie';

scenario('the prevention round: checklist for the coordinator, classes for the mentor, progress per class and one reminder',
  {
    people: ['mentor', 'coordinator'],
    file: 'prevention-round',
    timeout: 180_000,
    env: { Prevention__Enabled: 'true', Prevention__StartDate: aWeekFromNow(), Prevention__ReminderAfterSchoolDays: '20' },
  },
  async ({ chats, bot, step }) => {
    const { mentor, coordinator } = chats;

    step('both personal chats open (the bot stores where to reach them); before the start day nothing arrives');
    await mentor.waitForCard('Welkom bij PestProtocol');
    await coordinator.waitForCard('Welkom bij PestProtocol');
    const cardsBefore = await coordinator.cardCount();
    const sentBefore = (await outboxSettled(bot.url)).sent;
    await moveClock(bot.url, '00:00:01');   // runs the scheduler at once; whatever it planned is in the outbox now
    assert.equal((await outboxSettled(bot.url)).sent, sentBefore, 'nothing is sent before the start day');
    assert.equal(await coordinator.cardCount(), cardsBefore, 'nothing arrives before the start day');

    step('the clock moves ten days on: the round starts');
    await Promise.all([mentor.mark(), coordinator.mark()]);   // the round's cards come from the clock: only what arrives from now on
    await moveClock(bot.url, '10.00:00:00');

    step('the coordinator gets the protocol\'s prevention checklist');
    const checklist = await coordinator.cardText(CHECKLIST_CARD, { timeout: CARD_TIMEOUT_MS });
    assert.match(checklist, /Locatie De Wilgen/, checklist);
    for (const item of [
      'onder de aandacht gebracht bij de leerlingen',
      'onder de aandacht gebracht bij de ouders/verzorgers',
      "onder de aandacht gebracht bij de collega's",
      'De gedragsregels doorgenomen met alle medewerkers',
    ]) {
      assert.ok(checklist.includes(item), `the checklist names "${item}":\n${checklist}`);
    }
    for (const className of ['1a', '2b', '3c']) {
      assert.match(checklist, new RegExp(`${className}\\s*nog niet \\(Anouk de Vries\\)`), `class ${className} is open:\n${checklist}`);
    }

    step('the mentor gets a card for her classes and records 2b');
    const classes = await mentor.cardText(CLASSES_CARD, { timeout: CARD_TIMEOUT_MS });
    for (const className of ['1a', '2b', '3c']) {
      assert.ok(classes.includes(`Gedragsregels besproken met ${className}`), `her card names ${className}:\n${classes}`);
    }
    await mentor.toggle('Gedragsregels besproken met 2b', { inCard: CLASSES_CARD });
    await mentor.clickButton('Vastleggen', { inCard: CLASSES_CARD });
    await mentor.waitForText('Vastgelegd: gedragsregels besproken met 2b.');

    step('the coordinator\'s "preventie" shows 2b done, 1a and 3c not');
    await coordinator.send('preventie');
    const progress = await coordinator.waitForCardChange(CHECKLIST_CARD, (text) => /2b\s*besproken op/.test(text), { what: '2b done' });
    assert.match(progress, /2b\s*besproken op/, `2b is done:\n${progress}`);
    assert.match(progress, /1a\s*nog niet/, progress);
    assert.match(progress, /3c\s*nog niet/, progress);

    step('five weeks later the coordinator is reminded, once, of what is still open');
    await coordinator.mark();
    await moveClock(bot.url, '35.00:00:00');
    const reminder = await coordinator.cardText(REMINDER_CARD, { timeout: CARD_TIMEOUT_MS });
    assert.match(reminder, /Dit is nog niet gedaan/, reminder);
    assert.match(reminder, /1a/, reminder);
    assert.match(reminder, /3c/, reminder);
    const cardsAfterReminder = await coordinator.cardCount();
    const sentAfterReminder = (await outboxSettled(bot.url)).sent;
    await moveClock(bot.url, '1.00:00:00');
    assert.equal((await outboxSettled(bot.url)).sent, sentAfterReminder, 'the reminder is sent once: nothing more a day later');
    assert.equal(await coordinator.cardCount(), cardsAfterReminder, 'the reminder comes once: nothing more a day later');
  });
