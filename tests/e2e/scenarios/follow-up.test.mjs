// A mentor's route A ends with a follow-up; on its day the mentor gets "Hoe gaat het met …?" in the personal chat, and
// "Het pesten gaat door" leads into stap 4 (issue 12). The mentor (Anouk de Vries) walks /melding for Sanne de Boer
// (2b): stap 1, stap 2, stap 3 → route A, A.1, A.2, A.3 with the pre-filled follow-up day (two weeks on, never in a
// weekend). Then the bot's clock is moved three weeks on through the development-only endpoint /api/dev/clock (it
// exists only without a MicrosoftAppId), which runs the follow-up scheduler; the outbox dispatcher (every 2 s) posts
// the reminder card into the mentor's chat. The texts are the bot's own (src/PestProtocol.Bot/Features/FollowUps).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { moveClock } from '../lib/clock.js';

export const STUDENT = 'Sanne de Boer';
const REMINDER = `Hoe gaat het met ${STUDENT}?`;
/** The dispatcher polls its outbox every 2 s; on a busy machine more. */
const REMINDER_TIMEOUT_MS = 30_000;

scenario('a route-A follow-up comes back on its day and "het pesten gaat door" leads into step 4',
  { currentUser: 'mentor', file: 'follow-up', timeout: 240_000 }, async ({ chat, bot, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`"melding" for ${STUDENT}, stap 1 with a signal → "Melding vastleggen"`);
    await chat.send('melding');
    await chat.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await chat.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await chat.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await chat.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await chat.fillInput('Wat heb je gezien of gehoord?', 'In de klas wordt ze uitgelachen als ze iets zegt.', { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });
    const step1 = await chat.cardText('Klopt het vermoeden?');
    const code = /vastgelegd in melding (\d{4}-\d{1,6})/.exec(step1)?.[1];
    assert.ok(code, `the step-1 card names the case code; it said:\n${step1}`);
    step(`the case is ${code}; "Ja, het vermoeden klopt"`);
    await chat.fillInput('Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)', 'Oriënterend gesprek gevoerd; het vermoeden klopt.', { inCard: 'Klopt het vermoeden?' });
    await chat.clickButton('Ja, het vermoeden klopt', { inCard: 'Klopt het vermoeden?' });

    step('stap 2: parents informed by me, in a conversation');
    const step2Card = 'Stap 2 – Ouders informeren';
    await chat.waitForCard(step2Card);
    await chat.choose('Ikzelf', { inCard: step2Card });
    await chat.selectChoice('Hoe?', 'In een gesprek op school', { inCard: step2Card });
    await chat.fillInput('Wie gaat welke stappen ondernemen?', 'De mentor bespreekt pesten in de klas.', { inCard: step2Card });
    await chat.clickButton('Ouders zijn geïnformeerd', { inCard: step2Card });

    step('stap 3: route A, chosen with the student');
    const step3Card = 'Stap 3 – Kies samen met de leerling een route';
    await chat.waitForCard(step3Card);
    await chat.toggle('Deze keuze is samen met de leerling gemaakt', { inCard: step3Card });
    await chat.clickButton('Route A', { inCard: step3Card });

    step('A.1: the theme in class → "Vastleggen"');
    const a1Card = 'Stap A.1';
    await chat.waitForCard(a1Card);
    await chat.fillInput('Wat is er in de klas behandeld?', 'Wat is pesten en wat doet het met je; pesttest afgenomen.', { inCard: a1Card });
    await chat.clickButton('Vastleggen', { inCard: a1Card });

    step('A.2: parents informed afterwards');
    const a2Card = 'Stap A.2';
    await chat.waitForCard(a2Card);
    await chat.choose('Ikzelf', { inCard: a2Card });
    await chat.clickButton('Ouders zijn geïnformeerd', { inCard: a2Card });

    step('A.3: the pre-filled follow-up day is a school day → "Vervolgmoment vastleggen"');
    const a3Card = 'Stap A.3';
    await chat.waitForCard(a3Card);
    const day = await chat.inputValue('Volgend vervolgmoment', { inCard: a3Card });
    // The playground shows the date in Dutch ("21 december 2026"); other renderers give yyyy-MM-dd.
    const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
    const dutch = /^(\d{1,2}) (\w+) (\d{4})$/.exec(day.trim());
    const iso = dutch ? `${dutch[3]}-${String(MONTHS.indexOf(dutch[2]) + 1).padStart(2, '0')}-${dutch[1].padStart(2, '0')}` : day.trim();
    assert.match(iso, /^\d{4}-(0[1-9]|1[0-2])-\d{2}$/, `the follow-up day is pre-filled: "${day}"`);
    const weekday = new Date(`${iso}T12:00:00Z`).getUTCDay();
    assert.ok(weekday >= 1 && weekday <= 5, `the pre-filled follow-up day ${day} is a weekday`);
    await chat.clickButton('Vervolgmoment vastleggen', { inCard: a3Card });
    await chat.waitForText(`Vastgelegd in melding ${code}: Stap A.3`);

    step('the clock moves three weeks on (development only): the follow-up day has come');
    const before = await chat.cardCount();
    await chat.mark();   // the reminder comes from the clock, not from an action on this page
    const moved = await moveClock(bot.url, '21.00:00:00');
    assert.equal(moved.followUpJobs, 1, `the scheduler sent one reminder: ${JSON.stringify(moved)}`);

    step(`the reminder "${REMINDER}" arrives in the mentor's chat`);
    const reminder = await chat.cardText(REMINDER, { timeout: REMINDER_TIMEOUT_MS });
    assert.match(reminder, new RegExp(`Vandaag is het vervolgmoment van melding ${code}`), reminder);
    assert.ok(await chat.cardCount() > before, 'a new card in the chat');
    const buttons = await chat.buttonTitles({ inCard: REMINDER });
    for (const title of ['Het gaat goed: melding afsluiten', 'Het pesten gaat door', 'Nieuwe vervolgafspraak']) {
      assert.ok(buttons.includes(title), `the reminder has "${title}": ${buttons.join(', ')}`);
    }

    step('"Het pesten gaat door" with what still happens → stap 4, route D or E');
    await chat.fillInput('Hoe gaat het? Kort, dit komt in het dossier', 'Ze wordt nog steeds uitgelachen, nu ook online.', { inCard: REMINDER });
    await chat.clickButton('Het pesten gaat door', { inCard: REMINDER });
    await chat.waitForText(`Vastgelegd in melding ${code}: Stap 4`);
    const step4 = await chat.cardText('Het pesten gaat door. Kies de route');
    assert.match(step4, /Stap 4 – Keuze uit route D \/ E/, step4);
  });
