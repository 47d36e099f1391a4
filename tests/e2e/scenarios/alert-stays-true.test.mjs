// An alert card stays true (issue 12 item 4): the coordinator's alert changes in place when the case moves. Two
// playgrounds against one bot: the coordinator (Jeroen Bakker, De Wilgen) and the mentor (Anouk de Vries, 2b) open their
// personal chats first, so the bot knows where to reach them. The mentor reports a suspicion about Sanne de Boer; the
// outbox dispatcher posts the alert card into the coordinator's chat ("Stap 1 – Vermoedens van pesten", "Ik pak dit op").
// The mentor confirms the suspicion: the coordinator's card is updated in place (PUT .../activities/{id}, pushed by the
// playground as "updateMessage") and shows "Stap 1 – Vermoeden bevestigd" and step 2 as what comes next. Then the mentor
// decides the suspicion of a second melding does not hold: that alert shows the case closed, without "Ik pak dit op" and
// without "bevestig of verwerp". No card is sent twice. Texts: src/PestProtocol.Bot/Features/Alerts/CaseAlertCard.cs.
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';

const STUDENT = 'Sanne de Boer';
const ALERT_HEADING = 'Nieuwe melding: vermoeden van pesten';
const TAKE_BUTTON = 'Ik pak dit op';
/** The dispatcher polls its outbox every 2 s; on a busy machine more. */
const ALERT_TIMEOUT_MS = 45_000;
const NOTE = 'Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)';

/**
 * The mentor reports a suspicion about STUDENT (a signal of the group it is in); returns the case code. The second
 * melding's cards say what the first one's said: each wait after an action takes only a card that arrived since (the
 * harness's mark), so the fields and buttons below are those of the new card, not of the first melding's.
 */
async function report(mentor, group, signal, seen) {
  await mentor.send('melding');
  await mentor.waitForCard('Nieuwe melding');
  await mentor.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
  await mentor.clickButton('Verder', { inCard: 'Nieuwe melding' });
  const intakeCard = `Melding over ${STUDENT}`;
  await mentor.waitForCard(intakeCard);
  await mentor.clickButton(group, { inCard: intakeCard });   // the signals are grouped; a click opens the group
  await mentor.toggle(signal, { inCard: intakeCard });
  await mentor.fillInput('Wat heb je gezien of gehoord?', seen, { inCard: intakeCard });
  await mentor.clickButton('Melding vastleggen', { inCard: intakeCard });
  const step1 = await mentor.cardText('Klopt het vermoeden?');
  const code = /vastgelegd in melding (\d{4}-\d{1,6})/.exec(step1)?.[1];
  assert.ok(code, `the step-1 card names the case code; it said:\n${step1}`);
  return code;
}

scenario('the coordinator\'s alert card follows the case: confirmed, then (another melding) closed as not confirmed',
  { people: ['mentor', 'coordinator'], file: 'alert-stays-true', timeout: 240_000 }, async ({ chats, step }) => {
    const { mentor, coordinator } = chats;

    step('the mentor\'s and the coordinator\'s personal chats open');
    await Promise.all([mentor.waitForCard('Welkom bij PestProtocol'), coordinator.waitForCard('Welkom bij PestProtocol')]);
    const coordinatorCardsBefore = await coordinator.cardCount();

    step(`the mentor reports a suspicion about ${STUDENT}`);
    await coordinator.mark();   // the alert comes to his page: take only what arrives from now on
    const first = await report(mentor, 'Op school: met anderen', 'Wordt uitgelachen, onvriendelijk behandeld', 'In de les wordt ze steeds uitgelachen als ze iets zegt.');
    step(`the case is ${first}; its alert reaches the coordinator`);
    const alert = await coordinator.cardText(first, { timeout: ALERT_TIMEOUT_MS });
    assert.match(alert, new RegExp(ALERT_HEADING), alert);
    assert.match(alert, /Stap\s+Stap 1 – Vermoedens van pesten/, alert);
    assert.match(alert, /bevestig of verwerp het vermoeden/, `what comes next at step 1:\n${alert}`);
    assert.ok((await coordinator.buttonTitles({ inCard: first })).includes(TAKE_BUTTON));
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 1, 'one alert card');

    step('the mentor confirms the suspicion → the coordinator\'s card changes in place');
    await mentor.fillInput(NOTE, 'Oriënterend gesprek gevoerd; het vermoeden klopt.', { inCard: 'Klopt het vermoeden?' });
    await mentor.clickButton('Ja, het vermoeden klopt', { inCard: 'Klopt het vermoeden?' });
    const confirmed = await coordinator.waitForCardChange(first, (text) => /Stap 1 – Vermoeden bevestigd/.test(text),
      { timeout: ALERT_TIMEOUT_MS, what: '"Stap 1 – Vermoeden bevestigd"' });
    assert.match(confirmed, new RegExp(`Melding ${first}: Stap 1 – Vermoeden bevestigd`), confirmed);
    assert.match(confirmed, /Wat nu: Stap 2/, `what comes next is step 2:\n${confirmed}`);
    assert.doesNotMatch(confirmed, /Vermoedens van pesten|bevestig of verwerp/, `no step the case left:\n${confirmed}`);
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 1, 'changed, not sent again');
    assert.ok(coordinator.pushed().some((p) => p.action === 'updateMessage'), 'the playground pushed an update of the posted card');

    step('a second melding; the mentor finds the suspicion does not hold → that alert shows the case closed, no buttons');
    await mentor.send('stop');
    await mentor.waitForText(`Oké, ik ben gestopt met melding ${first}`);
    await coordinator.mark();
    const second = await report(mentor, 'Op school: gevoel, gedrag en schoolwerk', 'Geen zin om naar school te gaan', 'Ze werd in de pauze geduwd, misschien per ongeluk.');
    assert.notEqual(second, first);
    await coordinator.cardText(second, { timeout: ALERT_TIMEOUT_MS });
    assert.ok((await coordinator.buttonTitles({ inCard: second })).includes(TAKE_BUTTON));
    await mentor.fillInput(NOTE, 'Gesprek gevoerd: geen pesten, wel een ruzie die is bijgelegd.', { inCard: 'Klopt het vermoeden?' });
    await mentor.clickButton('Nee, het klopt niet', { inCard: 'Klopt het vermoeden?' });
    const closed = await coordinator.waitForCardChange(second, (text) => /afgesloten/.test(text) && !text.includes(TAKE_BUTTON),
      { timeout: ALERT_TIMEOUT_MS, what: 'the case closed, without the take button' });
    assert.match(closed, /Melding gesloten/, closed);
    assert.doesNotMatch(closed, /bevestig of verwerp|Wat nu/, `a closed case asks nothing:\n${closed}`);
    assert.ok(!(await coordinator.buttonTitles({ inCard: second })).includes(TAKE_BUTTON), 'no "Ik pak dit op" on a closed case');
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 2, 'two alerts, each changed in place');
  });
