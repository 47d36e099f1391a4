// A teacher's /melding reaches the coordinator and the mentor as an alert card; the coordinator takes it
// and the card changes for both (issue 5). Three playgrounds against one bot: the mentor (Anouk de
// Vries, mentor of 2b) and the coordinator (Jeroen Bakker, De Wilgen) open their personal chats first,
// so the bot stores where to reach them; then the teacher (Fatima El Amrani) reports a suspicion about
// Sanne de Boer (2b). The outbox dispatcher posts an alert card into the mentor's and the coordinator's
// playground; the coordinator clicks "Ik pak dit op" (Action.Execute → the bot answers with the taken
// card) and the bot updates the mentor's copy in place (PUT .../activities/{id}), which the playground
// pushes over its websocket as an "updateMessage" that replaces the card on screen.
// The texts are the bot's own (src/PestProtocol.Bot/Cards/Alerts/CaseAlertCard.cs, Cards/Melding).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

export const STUDENT = 'Sanne de Boer';
export const ALERT_HEADING = 'Nieuwe melding: vermoeden van pesten';
export const TAKE_BUTTON = 'Ik pak dit op';
/** How long the alert may take: the dispatcher polls its outbox every 2 s; on a busy machine more. */
const ALERT_TIMEOUT_MS = 30_000;

scenario('a teacher\'s melding alerts the coordinator and the mentor; the coordinator takes it and both cards show it',
  { people: ['mentor', 'coordinator', 'teacher'], file: 'alert-take', timeout: 150_000 }, async ({ chats, step }) => {
    const { mentor, coordinator, teacher } = chats;

    step('the mentor\'s and the coordinator\'s personal chats open (the bot stores where to reach them)');
    await Promise.all([mentor.waitForCard('Welkom bij PestProtocol'), coordinator.waitForCard('Welkom bij PestProtocol')]);
    await teacher.waitForCard('Welkom bij PestProtocol');
    const mentorCardsBefore = await mentor.cardCount();
    const coordinatorCardsBefore = await coordinator.cardCount();

    step(`the teacher types "melding" and picks ${STUDENT}`);
    await Promise.all([mentor.mark(), coordinator.mark()]);   // their alerts come to their pages: only what arrives from now on
    await teacher.send('melding');
    await teacher.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await teacher.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    step('the teacher fills in step 1 (a signal, what she saw) → "Melding vastleggen"');
    await teacher.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await teacher.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await teacher.fillInput('Wat heb je gezien of gehoord?', 'In de les wordt ze steeds uitgelachen als ze iets zegt.', { inCard: intakeCard });
    await teacher.clickButton('Melding vastleggen', { inCard: intakeCard });
    // Handover branch: the teacher records step 1 and is done; she is told the case number and who took it over.
    await teacher.waitForText('heeft de melding overgenomen');
    const recorded = await teacher.chatText();
    const code = /vastgelegd als melding (\d{4}-\d{1,6})/.exec(recorded)?.[1];
    assert.ok(code, `the teacher's confirmation names the case code; the chat said:\n${recorded}`);
    step(`the case is ${code}`);

    step('the alert card reaches the coordinator and the mentor');
    const [coordinatorAlert, mentorAlert] = await Promise.all([
      coordinator.cardText(ALERT_HEADING, { timeout: ALERT_TIMEOUT_MS }),
      mentor.cardText(ALERT_HEADING, { timeout: ALERT_TIMEOUT_MS }),
    ]);
    for (const [who, text] of [['coordinator', coordinatorAlert], ['mentor', mentorAlert]]) {
      assert.match(text, new RegExp(`Leerling\\s+${STUDENT} \\(2b\\)`), `the ${who}'s alert names the student and class:\n${text}`);
      assert.match(text, /Locatie\s+Locatie De Wilgen/, `the ${who}'s alert names the location:\n${text}`);
      assert.match(text, new RegExp(`Dossier\\s+${code}`), `the ${who}'s alert names the case:\n${text}`);
      assert.doesNotMatch(text, /Opgepakt door/, `nobody took it yet (${who}):\n${text}`);
      assert.doesNotMatch(text, /Fatima|El Amrani/, `the alert names the signaller's role only (${who}):\n${text}`);
    }
    assert.match(coordinatorAlert, /Als anti-pestcoördinator ben je vanaf stap 1 betrokken/);
    assert.match(mentorAlert, /Als mentor ben je vanaf stap 1 betrokken/);
    assert.ok((await coordinator.buttonTitles({ inCard: ALERT_HEADING })).includes(TAKE_BUTTON));
    assert.ok((await mentor.buttonTitles({ inCard: ALERT_HEADING })).includes(TAKE_BUTTON));
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 1, 'one alert card in the coordinator\'s chat');
    // Handover branch: the mentor also gets the case to continue ("Melding <code>: jij gaat verder"), a card of its own.
    await mentor.cardText(`Melding ${code}: jij gaat verder`, { timeout: ALERT_TIMEOUT_MS });
    assert.equal(await mentor.cardCount(), mentorCardsBefore + 2, 'one alert card and one handover card in the mentor\'s chat');

    const mentorAlertPush = mentor.pushed().filter((p) => p.action === 'createMessage' && JSON.stringify(p.payload ?? '').includes(ALERT_HEADING)).at(-1);
    const mentorAlertMessage = mentorAlertPush?.messageId;
    assert.ok(mentorAlertMessage, 'the playground pushed the alert to the mentor\'s page as a new message');

    step(`the coordinator clicks "${TAKE_BUTTON}"`);
    const takeAt = Date.now();
    await coordinator.clickButton(TAKE_BUTTON, { inCard: ALERT_HEADING });
    const takenBy = new RegExp(`Opgepakt door ${USERS.coordinator.name} \\(anti-pestcoördinator\\) om \\d{2}:\\d{2}`);
    const coordinatorTaken = await coordinator.waitForCardChange(ALERT_HEADING, (text) => takenBy.test(text), { what: `"Opgepakt door ${USERS.coordinator.name} …"` });
    assert.ok(!(await coordinator.buttonTitles({ inCard: ALERT_HEADING })).includes(TAKE_BUTTON), 'the coordinator\'s card no longer offers to take it');
    assert.match(coordinatorTaken, new RegExp(`Dossier\\s+${code}`));

    step('the mentor\'s copy changes in place: taken by Jeroen Bakker, no take button');
    const mentorTaken = await mentor.waitForCardChange(ALERT_HEADING, (text) => takenBy.test(text), { timeout: ALERT_TIMEOUT_MS, what: `"Opgepakt door ${USERS.coordinator.name} …"` });
    assert.match(mentorTaken, /Als mentor ben je vanaf stap 1 betrokken/, 'still the mentor\'s own card');
    assert.ok(!(await mentor.buttonTitles({ inCard: ALERT_HEADING })).includes(TAKE_BUTTON), 'the mentor\'s card no longer offers to take it');
    assert.equal(await mentor.cardCount(), mentorCardsBefore + 2, 'the mentor\'s card was changed, not sent again');
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 1, 'the coordinator\'s card was changed, not sent again');

    step('it was the bot that changed the mentor\'s card (update-activity), not her page asking for a refresh');
    const updates = mentor.pushed().filter((p) => p.action === 'updateMessage' && p.at >= takeAt);
    assert.ok(updates.some((u) => u.messageId === mentorAlertMessage),
      `the playground pushed an updateMessage for the mentor's alert (${mentorAlertMessage}); it pushed: ${JSON.stringify(mentor.pushed().map(({ payload, ...rest }) => rest))}`);
    assert.deepEqual(mentor.posted().filter((r) => r.at >= mentorAlertPush.at), [], 'the mentor\'s page sent nothing since her alert arrived (no refresh invoke)');
  });
