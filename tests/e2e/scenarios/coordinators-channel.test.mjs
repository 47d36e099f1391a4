// The coordinators' Teams channel (issue 5): a coordinator links a team channel by @mentioning the bot in it, after
// which every alert for the location's coordinators is ALSO posted to that channel as a new conversation, without the
// student's name or class; taking it from the channel card changes the channel card (the invoke answer) and the
// coordinator's own copy in his personal chat (an update-activity, pushed as "updateMessage").
// Three playgrounds against one bot: the coordinator (Jeroen Bakker) first, so the channel is linked to his
// playground's connector; the mentor (Anouk de Vries), who may not link a channel; the teacher (Fatima El Amrani),
// who reports a suspicion about Sanne de Boer (2b).
// The texts are the bot's own (src/PestProtocol.Bot/TeamChannels/CoordinatorsChannelDialog.cs,
// Cards/Alerts/CaseAlertCard.cs).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { TEAM, USERS } from '../lib/mock-users.js';

// Not imported from alert-take.test.mjs: importing a scenario file declares its scenario here too.
const STUDENT = 'Sanne de Boer';
const ALERT_HEADING = 'Nieuwe melding: vermoeden van pesten';
const TAKE_BUTTON = 'Ik pak dit op';
const CHANNEL = TEAM.channels[0].name;
const LINKED = 'Gekoppeld. Meldingen voor de anti-pestcoördinatoren van Locatie De Wilgen komen vanaf nu ook in dit kanaal, als nieuw gesprek.';
const REFUSED = 'Alleen een anti-pestcoördinator kan een kanaal koppelen.';
const UNLINKED = 'Ontkoppeld. Meldingen voor de anti-pestcoördinatoren van Locatie De Wilgen komen niet meer in dit kanaal.';
/** How long an alert may take: the dispatcher polls its outbox every 2 s; on a busy machine more. */
const ALERT_TIMEOUT_MS = 30_000;
/** The student, in any form a card or a push could carry: full name, surname, class. */
const STUDENT_TRACES = /Sanne|de Boer|\(2b\)|Klas/;

scenario('a coordinator links the team channel; an alert is posted there without names, and taking it there changes his own copy too',
  { people: ['coordinator', 'mentor', 'teacher'], file: 'coordinators-channel', timeout: 150_000 }, async ({ chats, step }) => {
    const { coordinator, mentor, teacher } = chats;

    step('everyone\'s personal chat opens (the bot stores where to reach them)');
    await Promise.all([coordinator, mentor, teacher].map((chat) => chat.waitForCard('Welkom bij PestProtocol')));

    step(`the coordinator opens the channel "${CHANNEL}" and posts "@PestProtocol koppel kanaal"`);
    await coordinator.openChannel(CHANNEL);
    await coordinator.post('koppel kanaal');
    const linkThread = await coordinator.threadText(['koppel kanaal', LINKED]);
    assert.match(linkThread, /PestProtocol koppel kanaal/, `his post shows the mention as the bot's name, then the command:\n${linkThread}`);
    assert.match(linkThread, /Er staan geen namen van leerlingen in/, `the bot says what the channel will (not) show:\n${linkThread}`);
    assert.match(linkThread, /Stoppen\? Typ: @PestProtocol ontkoppel kanaal\./, linkThread);

    step('the mentor tries the same in her channel: refused');
    await mentor.openChannel(CHANNEL);
    await mentor.post('koppel kanaal');
    const refusedThread = await mentor.threadText(['koppel kanaal', REFUSED]);
    assert.match(refusedThread, /Vraag de anti-pestcoördinator van je locatie om dit te doen\./, refusedThread);
    assert.doesNotMatch(refusedThread, /Gekoppeld/, refusedThread);

    step(`the teacher reports ${STUDENT} through step 1`);
    await teacher.send('melding');
    await teacher.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await teacher.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await teacher.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await teacher.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await teacher.fillInput('Wat heb je gezien of gehoord?', 'In de pauze wordt ze steeds buitengesloten.', { inCard: intakeCard });
    await teacher.clickButton('Melding vastleggen', { inCard: intakeCard });
    // Handover branch: the teacher records step 1 and is done; she is told the case number and who took it over.
    await teacher.waitForText('heeft de melding overgenomen');
    const recorded = await teacher.chatText();
    const code = /vastgelegd als melding (\d{4}-\d{1,6})/.exec(recorded)?.[1];
    assert.ok(code, `the teacher's confirmation names the case code; the chat said:\n${recorded}`);
    step(`the case is ${code}`);

    step('a new conversation with the alert appears in the coordinator\'s channel, without the student');
    const channelHeading = `Nieuwe melding ${code}: vermoeden van pesten`;
    const channelAlert = await coordinator.cardText(channelHeading, { timeout: ALERT_TIMEOUT_MS });
    assert.match(channelAlert, new RegExp(`Dossier\\s+${code}`), channelAlert);
    assert.match(channelAlert, /Locatie\s+Locatie De Wilgen/, channelAlert);
    assert.match(channelAlert, /Gemeld door\s+Een docent/, channelAlert);
    assert.match(channelAlert, /Stap\s+Stap 1 – Vermoedens van pesten/, channelAlert);
    assert.match(channelAlert, /Nog niemand heeft deze melding opgepakt\./, channelAlert);
    assert.match(channelAlert, new RegExp(`Namen staan niet in dit kanaal\\. Open het dossier in je chat met PestProtocol: typ 'dossier ${code}'\\.`), channelAlert);
    assert.doesNotMatch(channelAlert, STUDENT_TRACES, `the channel card names no student or class:\n${channelAlert}`);
    assert.doesNotMatch(channelAlert, /Fatima|El Amrani/, `the channel card names the signaller's role only:\n${channelAlert}`);
    assert.doesNotMatch(await coordinator.cardHtml(channelHeading), STUDENT_TRACES, 'nothing in the channel card\'s HTML names the student');
    const alertThread = await coordinator.threadText(channelHeading);
    assert.doesNotMatch(alertThread, /koppel kanaal/, `the alert is a conversation of its own, not a reply under the link post:\n${alertThread}`);
    assert.ok((await coordinator.buttonTitles({ inCard: channelHeading })).includes(TAKE_BUTTON), 'the channel card offers to take it');
    const channelPushes = coordinator.pushed().filter((p) => p.action === 'createMessage' && p.payload.includes(channelHeading));
    assert.equal(channelPushes.length, 1, 'the channel copy was posted once');
    assert.doesNotMatch(channelPushes[0].payload, STUDENT_TRACES, 'what the playground pushed for the channel card names no student');

    step('his personal chat has his own alert card, with the student');
    await coordinator.openPersonalChat();
    const personalAlert = await coordinator.cardText(ALERT_HEADING, { timeout: ALERT_TIMEOUT_MS });
    const personalPush = coordinator.pushed().find((p) => p.action === 'createMessage' && p.payload.includes(ALERT_HEADING));
    assert.ok(personalPush?.messageId, 'the playground pushed his personal alert as a new message');
    assert.match(personalAlert, new RegExp(`Leerling\\s+${STUDENT} \\(2b\\)`), personalAlert);
    assert.match(personalAlert, new RegExp(`Dossier\\s+${code}`), personalAlert);
    assert.doesNotMatch(personalAlert, /Opgepakt door/, personalAlert);
    const personalCards = await coordinator.cardCount();

    step(`in the channel, the coordinator clicks "${TAKE_BUTTON}" on the channel card`);
    await coordinator.openChannel(CHANNEL);
    const takeAt = Date.now();
    await coordinator.clickButton(TAKE_BUTTON, { inCard: channelHeading });
    const takenBy = new RegExp(`Opgepakt door ${USERS.coordinator.name} \\(anti-pestcoördinator\\) om \\d{2}:\\d{2}`);
    const channelTaken = await coordinator.waitForCardChange(channelHeading, (text) => takenBy.test(text), { what: `"Opgepakt door ${USERS.coordinator.name} …"` });
    assert.doesNotMatch(channelTaken, STUDENT_TRACES, `the taken channel card still names no student:\n${channelTaken}`);
    assert.doesNotMatch(channelTaken, /Nog niemand/, channelTaken);
    assert.ok(!(await coordinator.buttonTitles({ inCard: channelHeading })).includes(TAKE_BUTTON), 'the channel card no longer offers to take it');

    step('his personal copy changed in place: taken by him, no take button, still one card');
    const personalUpdated = () => coordinator.pushed().some((p) => p.action === 'updateMessage' && p.at >= takeAt && p.messageId === personalPush.messageId);
    const deadline = Date.now() + ALERT_TIMEOUT_MS;
    while (!personalUpdated() && Date.now() < deadline) {
      await coordinator.page.waitForTimeout(200);
    }
    assert.ok(personalUpdated(), `the playground pushed an updateMessage for his personal alert (${personalPush.messageId}); it pushed: ${JSON.stringify(coordinator.pushed().filter((p) => p.at >= takeAt).map(({ payload, ...rest }) => rest))}`);
    await coordinator.openPersonalChat();
    const personalTaken = await coordinator.waitForCardChange(ALERT_HEADING, (text) => takenBy.test(text), { what: `"Opgepakt door ${USERS.coordinator.name} …"` });
    assert.match(personalTaken, new RegExp(`Leerling\\s+${STUDENT} \\(2b\\)`), 'still his own card, with the student');
    assert.ok(!(await coordinator.buttonTitles({ inCard: ALERT_HEADING })).includes(TAKE_BUTTON), 'his personal card no longer offers to take it');
    assert.equal(await coordinator.cardCount(), personalCards, 'his personal card was changed, not sent again');

    step('"@PestProtocol ontkoppel kanaal" in the channel');
    await coordinator.openChannel(CHANNEL);
    await coordinator.post('ontkoppel kanaal');
    const unlinkThread = await coordinator.threadText(['ontkoppel kanaal', UNLINKED]);
    assert.doesNotMatch(unlinkThread, /Let op/, `nothing else is configured for the location:\n${unlinkThread}`);
  });
