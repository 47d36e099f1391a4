// Issue 12 item 3: a teacher who signals records step 1 and is done; the student's mentor holds the case. Anouk de Vries
// (mentor of 2b) opens her chat first, so the bot stores where to reach her; Fatima El Amrani (docent) reports Sanne de
// Boer (2b) → Fatima is told the case number and that Anouk took it over (no "Klopt het vermoeden?" for her) → Anouk's
// chat gets "Melding <code>: jij gaat verder" (through the outbox) naming Fatima and the reason → "Verder met stap 1"
// opens "Klopt het vermoeden?" for Anouk → she confirms → step 2 → Fatima typing "melding <code>" is told that Anouk
// is aan zet, and gets no step card. The texts are the bot's own (src/PestProtocol.Bot/Features/Cases/HandOver*).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

const STUDENT = 'Sanne de Boer';
/** The dispatcher polls its outbox every 2 s; on a busy machine more. */
const ALERT_TIMEOUT_MS = 30_000;

scenario('a teacher signals; the mentor gets the case card and continues; the teacher is told who took it over',
  { people: ['mentor', 'teacher'], file: 'teacher-handover', timeout: 150_000 }, async ({ chats, step }) => {
    const { mentor, teacher } = chats;

    step('both personal chats open (the bot stores where to reach the mentor)');
    await mentor.waitForCard('Welkom bij PestProtocol');
    await teacher.waitForCard('Welkom bij PestProtocol');

    step(`the teacher types "melding", picks ${STUDENT} and records step 1`);
    await mentor.mark();   // the case card comes to her page: only what arrives from now on
    await teacher.send('melding');
    await teacher.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await teacher.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await teacher.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await teacher.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await teacher.fillInput('Wat heb je gezien of gehoord?', 'In de les wordt ze steeds uitgelachen als ze iets zegt.', { inCard: intakeCard });
    await teacher.clickButton('Melding vastleggen', { inCard: intakeCard });

    step('the teacher is told the case number and that the mentor took it over, and is done');
    await teacher.waitForText(`${USERS.mentor.name} (mentor) heeft de melding overgenomen`);
    const told = await teacher.chatText();
    const code = /vastgelegd als melding (\d{4}-\d{1,6})/.exec(told)?.[1];
    assert.ok(code, `the confirmation names the case code; the chat said:\n${told}`);
    assert.doesNotMatch(told, /Klopt het vermoeden\?/, `the teacher gets no step-1 card:\n${told}`);
    step(`the case is ${code}`);

    step('the mentor gets the case card in her own chat');
    const heading = `Melding ${code}: jij gaat verder`;
    const card = await mentor.cardText(heading, { timeout: ALERT_TIMEOUT_MS });
    assert.match(card, new RegExp(`${USERS.teacher.name} \\(docent\\) heeft een vermoeden van pesten gemeld over ${STUDENT} \\(2b\\)`), card);
    assert.match(card, /Gesignaleerd door een docent/, `the reason from the dossier:\n${card}`);

    step('"Verder met stap 1" opens "Klopt het vermoeden?" for the mentor; she confirms');
    await mentor.clickButton('Verder met stap 1', { inCard: heading });
    const step1 = await mentor.cardText('Klopt het vermoeden?');
    assert.match(step1, new RegExp(code), step1);
    await mentor.fillInput('Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)', 'Gesprek met Sanne gehad; het vermoeden klopt.', { inCard: 'Klopt het vermoeden?' });
    await mentor.clickButton('Ja, het vermoeden klopt', { inCard: 'Klopt het vermoeden?' });
    await mentor.waitForText(`Vastgelegd in melding ${code}: Stap 1 – Vermoeden bevestigd.`);
    await mentor.waitForCard('Stap 2 – Ouders informeren');

    step('the teacher opening the case is told the mentor is aan zet, without a step card');
    const cardsBefore = await teacher.cardCount();
    await teacher.send(`melding ${code}`);
    await teacher.waitForText(`${USERS.mentor.name} (mentor) is aan zet bij melding ${code}`);
    assert.equal(await teacher.cardCount(), cardsBefore, 'no step card for the teacher');
  });
