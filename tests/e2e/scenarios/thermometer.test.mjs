// Issue 14: the thermometer (Bijlage 2) as a real class survey. The mentor (Anouk de Vries, mentor of 2b in the mock
// school) types "thermometer", picks 2b and sends it; the student (Daan Mulder, 2b) types "thermometer" in his personal
// chat (students' chats are never stored, so the pushed invitation needs Teams' app installation, which the playground
// does not play), gets the survey of his class and fills in all seven parts in the playground. The playground plays one person per page, so four more students
// of 2b (Sanne, Lars, Tim, Yara: development directory) answer through the HTTP level: the same adaptiveCard/action
// invokes Teams sends, posted to the bot's /api/messages, each answering the card the previous answer returned. With
// five answers the mentor can see an interim result on request; then the bot's development-only clock is moved past
// the closing day, the thermometer's closing job (polling every 2 s here) closes the survey, and the mentor gets the
// results card with the chart (an image served by the bot behind a signed link) and the buttons into the protocol.
// The texts are the bot's own (src/PestProtocol.Bot/Features/Thermometer).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { moveClock } from '../lib/clock.js';
import { BOT, TENANT_ID } from '../lib/mock-users.js';

/** The dispatcher polls its outbox every 2 s, the closing job every 2 s here; on a busy machine more. */
const CARD_TIMEOUT_MS = 45_000;
const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';

/** Daan Mulder, the playground's student (2b). */
const STUDENT_ID = 'e2e0c000-0000-4000-a000-000000000006';

/** Four more students of 2b (appsettings.Development.json), answering through the HTTP level. */
const HTTP_STUDENTS = [
  'e2e0e000-0000-4000-a000-000000000101',
  'e2e0e000-0000-4000-a000-000000000102',
  'e2e0e000-0000-4000-a000-000000000106',
  'e2e0e000-0000-4000-a000-000000000107',
];

/** Posts one Action.Execute as Teams does (an adaptiveCard/action invoke in the student's personal chat); returns the card the bot answers with. */
async function execute(botUrl, aadObjectId, verb, data) {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `e2e-${aadObjectId}-${Date.now()}`,
      channelId: 'msteams',
      serviceUrl: `${botUrl}/e2e-no-connector/`,
      from: { id: `29:e2e-http-${aadObjectId}`, aadObjectId },
      recipient: { id: `28:${BOT.id}`, name: BOT.name },
      conversation: { id: `a:e2e-http-${aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } },
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  });
  const text = await response.text();
  assert.equal(response.status, 200, `the invoke was answered ${response.status}: ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', `the bot answers with a card: ${text}`);
  return body.value;
}

/** All inputs of a card, wherever they sit. */
function inputsOf(node, found = []) {
  if (Array.isArray(node)) {
    node.forEach((n) => inputsOf(n, found));
  } else if (node && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) {
      found.push(node);
    }
    Object.values(node).forEach((v) => inputsOf(v, found));
  }
  return found;
}

/** One student fills in the whole thermometer through the HTTP level: "Begin", then every part with `score`. */
async function fillInOverHttp(botUrl, student, surveyData, score) {
  let card = await execute(botUrl, student, surveyData.verb, surveyData.data);
  for (let part = 1; part <= 7; part++) {
    assert.match(JSON.stringify(card), new RegExp(`Deel ${part} van 7`), `part ${part} comes next`);
    const action = card.actions.find((a) => a.type === 'Action.Execute');
    const data = { ...action.data };
    for (const input of inputsOf(card.body)) {
      data[input.id] = input.id.startsWith('leerling.') ? (input.value ?? '0') : String(score);
    }
    card = await execute(botUrl, student, action.verb, data);
  }
  assert.match(JSON.stringify(card), /Dank je wel!/, 'the last part sends it');
}

scenario('the thermometer: a mentor sends it to 2b, students answer anonymously, the mentor gets the results with the chart and the way into the protocol',
  {
    people: ['mentor', 'student'],
    file: 'thermometer',
    timeout: 420_000,
    env: { Thermometer__PollInterval: '00:00:02', Thermometer__ResultsHour: '-1' },
  },
  async ({ chats, bot, step }) => {
    const { mentor, student } = chats;

    step('both personal chats open (the bot stores where to reach them)');
    await mentor.waitForCard('Welkom bij PestProtocol');
    await student.waitForCard('Welkom bij PestProtocol');

    step('the mentor types "thermometer", picks 2b and sends it');
    await mentor.send('thermometer');
    const startCard = 'De thermometer in je klas';
    const start = await mentor.cardText(startCard);
    assert.match(start, /Niemand ziet wie wat invult/, start);
    await mentor.selectChoice('Klas', '2b', { inCard: startCard });
    await mentor.clickButton('Versturen', { inCard: startCard });
    const sent = await mentor.cardText('De thermometer is verstuurd naar klas 2b');
    assert.match(sent, /Leerlingen\s*7/, `all seven students of 2b are invited:\n${sent}`);

    step('the student types "thermometer" in his own chat, gets the survey of his class and fills in part 1');
    // The bot never stores a student's chat (anonymity): in Teams the invitation arrives by installing the app for the
    // student (Graph), which the playground cannot play; asking for it is the way every student has as well.
    await student.send('thermometer');
    const invitation = await student.cardText('Hoe veilig voel jij je op school?', { timeout: CARD_TIMEOUT_MS });
    assert.match(invitation, /Niemand weet wat jij invult/, invitation);
    assert.match(invitation, /Kindertelefoon/, 'the invitation says where to go now');
    await student.clickButton('Begin', { inCard: 'Hoe veilig voel jij je op school?' });
    const part1 = 'Deel 1 van 7';
    const first = await student.cardText(part1, { timeout: CARD_TIMEOUT_MS });
    for (const text of ['Over jou', 'Ik zit in klas 2b', 'Over de laatste maand', '0 = nooit', '5 = altijd']) {
      assert.ok(first.includes(text), `part 1 shows "${text}":\n${first}`);
    }
    await student.choose('meisje', { inCard: part1 });
    const boxes = student.page.locator(CARD).filter({ hasText: part1 }).last().getByRole('combobox');
    const count = await boxes.count();
    assert.equal(count, 6, 'the afdeling and the five statements of part 1');
    for (let i = 1; i < count; i++) {
      await boxes.nth(i).click();
      const list = student.page.getByRole('listbox').last();
      await list.waitFor({ state: 'visible' });
      await list.getByRole('option', { name: '4', exact: true }).click();
    }
    await student.clickButton('Volgende', { inCard: part1 });
    const second = await student.cardText('Deel 2 van 7', { timeout: CARD_TIMEOUT_MS });
    assert.match(second, /1 van 7 klaar/, `the progress shows:\n${second}`);

    // The playground redraws an Action.Execute answer in place but keeps the old card's dropdowns (their options) where
    // the new card has its own, so parts 2 to 7 cannot be clicked there; the student's answers go on as the very same
    // invokes Teams sends (his answers so far travel in the card, so he starts again from "Begin").
    step('the student sends his answers through the HTTP level, as the same invokes');
    const surveyId = student.pushed().map((frame) => /vragenlijst\\*"\s*:\s*\\*"([0-9a-f-]{36})/.exec(frame.payload)?.[1]).find(Boolean);
    assert.ok(surveyId, 'the survey id travels in the card the student got');
    await fillInOverHttp(bot.url, STUDENT_ID, { verb: 'thermometer.begin', data: { vragenlijst: surveyId } }, 4);

    step('the student asks again in the playground: it was sent, once');
    await student.send('thermometer');
    await student.waitForCard('Je hebt de thermometer al ingevuld', { timeout: CARD_TIMEOUT_MS });

    step('four more students of 2b answer through the HTTP level');
    for (const [i, id] of HTTP_STUDENTS.entries()) {
      await fillInOverHttp(bot.url, id, { verb: 'thermometer.begin', data: { vragenlijst: surveyId } }, i % 2 === 0 ? 4 : 3);
    }

    step('a student who already sent it cannot send it again');
    const again = await execute(bot.url, HTTP_STUDENTS[0], 'thermometer.begin', { vragenlijst: surveyId });
    assert.match(JSON.stringify(again), /Je hebt de thermometer al ingevuld/);

    step('with five answers the mentor sees an interim result on request');
    await mentor.clickButton('Tussenstand of uitslag bekijken', { inCard: 'De thermometer is verstuurd naar klas 2b' });
    const interim = await mentor.cardText('Thermometer klas 2b: tussenstand', { timeout: CARD_TIMEOUT_MS });
    assert.match(interim, /5 van 7 leerlingen/, interim);

    step('the clock moves past the closing day: the survey closes and the mentor gets the results');
    await mentor.mark();   // the results come from the clock: not the interim card read just before
    await moveClock(bot.url, '9.00:00:00');
    const results = await mentor.cardText('Thermometer klas 2b: uitslag', { timeout: CARD_TIMEOUT_MS });
    assert.match(results, /5 van 7 leerlingen/, results);
    assert.match(results, /Let op/, `high answers in parts 4–7 are flagged:\n${results}`);
    const buttons = await mentor.buttonTitles({ inCard: 'Thermometer klas 2b: uitslag' });
    assert.ok(buttons.includes('Start route A (het thema pesten in de klas)'), `route A is offered: ${buttons}`);
    assert.ok(buttons.includes('Start een melding (stap 1)'), `step 1 is offered: ${buttons}`);

    step('the chart is an image the bot serves, and it loads');
    const resultsCard = mentor.page.locator(CARD).filter({ hasText: 'Thermometer klas 2b: uitslag' }).last();
    const chart = resultsCard.locator('img[src*="/thermometer-grafiek/"]').first();
    await chart.waitFor({ state: 'attached', timeout: CARD_TIMEOUT_MS });
    await mentor.page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await chart.elementHandle(), { timeout: CARD_TIMEOUT_MS });
    assert.equal(await chart.evaluate((img) => img.naturalWidth), 720, 'the chart is the 720 px PNG');
    const alt = await chart.getAttribute('alt');
    assert.match(alt ?? '', /Staafdiagram thermometer klas 2b/, `the chart has a text alternative: ${alt}`);
  });
