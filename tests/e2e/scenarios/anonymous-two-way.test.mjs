// A student reports anonymously and the coordinator and the student write to each other through the
// report (issue 6). Two playgrounds against one bot: the coordinator (Jeroen Bakker, De Wilgen) opens
// his personal chat first, so the bot can reach him; the student (Daan Mulder) reports anonymously and
// reads the code and passphrase off the card; the report reaches the coordinator as an alert card
// (outbox dispatcher → POST into his playground); he opens "Reageer anoniem" and asks a question
// (Action.Execute → the bot answers with the card showing it); the student types "status <code>", fills
// in the passphrase, reads the question as from "De anti-pestcoördinator van je locatie" and answers it; the bot updates the
// coordinator's card in place (PUT .../activities/{id}) with the answer. Nothing of Daan (name, ids)
// ever reaches the coordinator's page.
// The texts are the bot's own (src/PestProtocol.Bot/Anonymous/StudentCards.cs, CoordinatorCards.cs,
// ReportChoices.cs); adjust them here when the product's wording changes.
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

export const WHAT_HAPPENED = 'Bij de fietsenstalling pakken ze elke dag mijn tas af en gooien ze hem weg.';
export const QUESTION = 'Dank je dat je dit meldt. Gebeurt het voor of na schooltijd, en weet je wie het doen?';
export const ANSWER = 'Na schooltijd, meestal op dinsdag. Het zijn jongens uit de derde klas.';
export const REPORT_CARD = 'Anonieme melding van een leerling';
export const STUDENT_WROTE = 'De leerling heeft iets geschreven in deze anonieme melding.';
/** A question card and the answer the student picks (a radio in the playground) → "Volgende". */
const CHOICE_STEPS = [
  { question: 'Waar gebeurt het?', answer: 'In de buurt van school of onderweg' },
  { question: 'Sinds wanneer gebeurt het?', answer: 'Een paar weken' },
  { question: 'Hoe vaak gebeurt het?', answer: 'Elke dag' },
];
/** How long an outbox message may take: the dispatcher polls every 2 s; on a busy machine more. */
const OUTBOX_TIMEOUT_MS = 30_000;
/** Everything that would tell the coordinator who sent it. */
const STUDENT_TRACES = [USERS.student.givenName, USERS.student.surname, USERS.student.aadObjectId, USERS.student.id, USERS.student.email];

scenario('a student reports anonymously; the coordinator asks a question on the alert card; the student answers with the code',
  { people: ['coordinator', 'student'], file: 'anonymous-two-way', timeout: 150_000 }, async ({ chats, step }) => {
    const { coordinator, student } = chats;

    step('the coordinator\'s personal chat opens (the bot stores where to reach him); the student\'s too');
    await Promise.all([coordinator.waitForCard('Welkom bij PestProtocol'), student.waitForCard('Welkom bij PestProtocol')]);
    const coordinatorCardsBefore = await coordinator.cardCount();

    // The student reports --------------------------------------------------------------------------
    step('the student types "anoniem" and says what happened');
    await coordinator.mark();   // the report comes to his page: only what arrives from now on
    await student.send('anoniem');
    await student.fillInput('Vertel het in je eigen woorden', WHAT_HAPPENED, { inCard: 'Wat is er gebeurd?' });
    await student.clickButton('Volgende', { inCard: 'Wat is er gebeurd?' });
    await student.clickButton('Over mij', { inCard: 'Gaat het over jou of over iemand anders?' });
    for (const { question, answer } of CHOICE_STEPS) {
      step(`"${question}" → "${answer}"`);
      await student.choose(answer, { inCard: question });
      await student.clickButton('Volgende', { inCard: question });
    }
    step('"Wie doet het?" stays empty; "Klopt dit?" → "Versturen"');
    await student.clickButton('Volgende', { inCard: 'Wie doet het, en bij wie gebeurt het?' });
    await student.clickButton('Versturen', { inCard: 'Klopt dit?' });
    const sent = await student.cardText('Je melding is verstuurd');
    const code = /Code\s+(\S+)/.exec(sent)?.[1] ?? '';
    const passphrase = /Wachtwoord\s+(\S+)/.exec(sent)?.[1] ?? '';
    assert.match(code, /^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$/, `the student's card shows a code:\n${sent}`);
    assert.match(passphrase, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/, `the student's card shows a passphrase:\n${sent}`);
    step(`the student has code ${code}`);

    // The coordinator sees it ------------------------------------------------------------------------
    step('the report reaches the coordinator as an alert card, without anything of the student');
    const alert = await coordinator.cardText(REPORT_CARD, { timeout: OUTBOX_TIMEOUT_MS });
    assert.match(alert, new RegExp(escape(WHAT_HAPPENED)), `the coordinator reads what happened:\n${alert}`);
    assert.match(alert, /Locatie\s+Locatie De Wilgen/);
    assert.match(alert, /Waar\s+In de buurt van school of onderweg/);
    assert.match(alert, /Hoe vaak\s+Elke dag/);
    assert.match(alert, /Status\s+Nieuw: nog niet opgepakt/);
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 1, 'one alert card in the coordinator\'s chat');
    const alertPush = coordinator.pushed().filter((p) => p.action === 'createMessage').at(-1);
    const alertMessage = alertPush?.messageId;
    assert.ok(alertMessage, 'the playground pushed the alert to the coordinator\'s page as a new message');
    assertNothingOfTheStudent(alert, 'the alert card\'s text');
    assertNothingOfTheStudent(await coordinator.cardHtml(REPORT_CARD), 'the alert card\'s HTML');

    step('the coordinator opens "Reageer anoniem", asks a question → "Antwoord versturen"');
    await coordinator.clickButton('Reageer anoniem', { inCard: REPORT_CARD });
    await coordinator.fillInput('Je antwoord aan de leerling (de leerling ziet \'De anti-pestcoördinator van je locatie\')', QUESTION, { inCard: REPORT_CARD });
    await coordinator.clickButton('Antwoord versturen', { inCard: REPORT_CARD });
    const asked = await coordinator.waitForCardChange(REPORT_CARD, (text) => text.includes(QUESTION) && /School · /.test(text), { what: 'the question under "Berichten" as "School"' });
    assert.match(asked, /Berichten/);

    // The student reads and answers ----------------------------------------------------------------------
    step(`the student types "status ${code}" and the passphrase → "Bekijken"`);
    await student.send(`status ${code}`);
    await student.fillInput('Wachtwoord', passphrase, { inCard: `Code: ${code}` });
    await student.clickButton('Bekijken', { inCard: `Code: ${code}` });
    const thread = await student.cardText(QUESTION);
    assert.match(thread, /^Je melding\n/, `the student's status card:\n${thread}`);
    assert.match(thread, new RegExp(`De anti-pestcoördinator van je locatie · [^\\n]+\\n+${escape(QUESTION)}`), `the question comes from the coordinator, by role:\n${thread}`);
    assert.doesNotMatch(thread, new RegExp(USERS.coordinator.surname), 'the student does not see which staff member wrote');

    step('the student answers → "Versturen"; the bot says it went to the school');
    await coordinator.mark();   // the answer comes to his page as a card of its own
    const answeredAt = Date.now();
    await student.fillInput('Wil je iets terugschrijven of toevoegen?', ANSWER, { inCard: QUESTION });
    await student.clickButton('Versturen', { inCard: QUESTION });
    const answered = await student.cardText('Je bericht is verstuurd naar de school.');
    assert.match(answered, new RegExp(`Jij · [^\\n]+\\n+${escape(ANSWER)}`), `the student's card shows the answer as "Jij":\n${answered}`);

    // The answer reaches the coordinator ----------------------------------------------------------------------
    step('the answer reaches the coordinator as the report\'s card posted anew, so his chat shows something new');
    const withAnswer = await coordinator.cardText(STUDENT_WROTE, { timeout: OUTBOX_TIMEOUT_MS });
    assert.ok(withAnswer.indexOf(QUESTION) < withAnswer.indexOf(ANSWER), `the answer comes after the question:\n${withAnswer}`);
    assert.match(withAnswer, new RegExp(`Leerling · [^\\n]+\\n+${escape(ANSWER)}`), `the answer is the student's ("Leerling"):\n${withAnswer}`);
    assert.equal(await coordinator.cardCount(), coordinatorCardsBefore + 2, 'the report\'s card was sent again, below the first one');
    const posts = coordinator.pushed().filter((p) => p.action === 'createMessage' && p.at >= answeredAt);
    assert.equal(posts.length, 1, `the bot posted one new message to the coordinator: ${JSON.stringify(coordinator.pushed().map(({ payload, ...rest }) => rest))}`);
    assert.deepEqual(coordinator.posted().filter((r) => r.at >= answeredAt), [], 'the coordinator\'s page sent nothing (no refresh invoke)');
    assertNothingOfTheStudent(withAnswer, 'the new card\'s text');
    assertNothingOfTheStudent(await coordinator.cardHtml(STUDENT_WROTE), 'the new card\'s HTML');

    step('nothing the coordinator\'s page ever received names the student');
    for (const { action, payload } of coordinator.pushed()) {
      assertNothingOfTheStudent(payload, `a "${action}" the playground pushed to the coordinator's page`);
    }
  });

function assertNothingOfTheStudent(text, where) {
  for (const trace of STUDENT_TRACES) {
    assert.ok(!text.toLowerCase().includes(trace.toLowerCase()), `${where} must not contain "${trace}"`);
  }
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
