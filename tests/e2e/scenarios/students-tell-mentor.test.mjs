// Issue 15, items 3 and 4: a student side written for students. Daan Mulder (2b) types "ik word gepest wat moet ik doen"
// and gets a kind answer (not a list of commands) with the choices: tell my mentor, tell it anonymously, talk to someone
// now (Kindertelefoon, 112). He chooses "Vertel het mijn mentor", sees that his mentor is Anouk de Vries, adds a line and
// sends it; he is told who will come to him. Anouk gets the message in her own chat (through the outbox) with his name
// and "Start stap 1", which opens the step-1 card for Daan with "De leerling vertelde het zelf" already chosen.
// The texts are the bot's own (src/PestProtocol.Bot/Features/StudentSide, Features/TellMentor).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

const KIND = 'Wat naar dat je dit meemaakt';
const MENTOR_CARD = 'Een leerling wil met je praten';
const WORDS = 'Ze pesten me in de groepsapp van de klas.';
/** How long the mentor's message may take: the dispatcher polls its outbox every 2 s; on a busy machine more. */
const ALERT_TIMEOUT_MS = 30_000;

scenario('a student\'s "ik word gepest" gets the kind answer and reaches the mentor by name, who starts step 1 from it',
  { people: ['mentor', 'student'], file: 'students-tell-mentor', timeout: 150_000 }, async ({ chats, step }) => {
    const { mentor, student } = chats;

    step('both personal chats open (the bot stores where to reach the mentor)');
    await mentor.waitForCard('Welkom bij PestProtocol');
    const welcome = await student.cardText('Welkom bij PestProtocol');
    assert.match(welcome, /Vertel het mijn mentor/, `the student's welcome names what a student can do:\n${welcome}`);
    assert.doesNotMatch(welcome, /Voor medewerkers|dossier|thermometer/i, `and nothing for staff:\n${welcome}`);

    step('the student types "ik word gepest wat moet ik doen"');
    await mentor.mark();   // his message comes to her page: only what arrives from now on
    await student.send('ik word gepest wat moet ik doen');
    const kind = await student.cardText(KIND);
    assert.match(kind, /Pesten is nooit jouw schuld/, kind);
    assert.match(kind, /0800-0432/, `the Kindertelefoon is on the card:\n${kind}`);
    assert.match(kind, /Bel 112/, kind);
    assert.doesNotMatch(kind, /bijlage|stappen|thermometer/i, `no staff commands:\n${kind}`);
    const buttons = await student.buttonTitles({ inCard: KIND });
    assert.deepEqual(buttons, ['Vertel het mijn mentor', 'Anoniem vertellen'], `the choices: ${buttons}`);

    step('"Vertel het mijn mentor": his mentor is named; he adds a line and sends it');
    await student.clickButton('Vertel het mijn mentor', { inCard: KIND });
    const ask = await student.cardText('Vertel het je mentor');
    assert.match(ask, new RegExp(`Je mentor is ${USERS.mentor.name}`), ask);
    await student.fillInput('Wat wil je je mentor laten weten? (mag leeg blijven)', WORDS, { inCard: 'Vertel het je mentor' });
    await student.clickButton('Versturen', { inCard: 'Vertel het je mentor' });
    await student.waitForText(`Je bericht is naar je mentor gestuurd: ${USERS.mentor.name}`);

    step('the mentor gets it in her own chat, with his name and what he wrote');
    const card = await mentor.cardText(MENTOR_CARD, { timeout: ALERT_TIMEOUT_MS });
    assert.match(card, new RegExp(`${USERS.student.name} \\(2b\\)`), card);
    assert.match(card, new RegExp(WORDS), card);

    step('"Start stap 1" opens the step-1 card for him with "De leerling vertelde het zelf" chosen');
    await mentor.clickButton('Start stap 1', { inCard: MENTOR_CARD });
    const intakeCard = `Melding over ${USERS.student.name}`;
    await mentor.waitForCard(intakeCard);
    assert.equal(await mentor.inputValue('Hoe kwam het vermoeden?', { inCard: intakeCard }), 'De leerling vertelde het zelf');
  });
