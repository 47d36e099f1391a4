// Issue 15, item 7: the step-1 card fits one laptop screen. The 23 Bijlage 1 signals sit in five groups that open on a
// click (Action.ToggleVisibility), each line saying how many of its signals are chosen. Measured in Chromium at the
// harness's laptop viewport (1280×900). Input is never lost: when the server refuses the card (a class of only spaces),
// the same card comes back with the group of the ticked signal open, its count, the tick and the typed text.
// The texts are the bot's own (src/PestProtocol.Bot/Features/Melding/Cards/IntakeCards.cs, Step1SignalGroups.cs).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';

const STUDENT = 'Sanne de Boer';
const BUDGET_PX = 800;
const SIGNAL = 'Wordt uitgelachen, onvriendelijk behandeld';
const GROUP = 'Op school: met anderen';
const SEEN = 'In de pauze lachen ze haar steeds uit bij de kluisjes; ze staat daarna alleen.';

scenario('the step-1 card fits a laptop screen; a signal group opens on a click and stays open when the card comes back',
  { currentUser: 'mentor', file: 'step1-compact', timeout: 150_000 }, async ({ chat, step }) => {
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`melding → ${STUDENT}`);
    await chat.send('melding');
    await chat.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await chat.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await chat.waitForCard(intakeCard);
    const card = () => chat.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)').filter({ hasText: intakeCard }).last();
    const box = () => card().locator(`input[type="checkbox"][aria-label=${JSON.stringify(SIGNAL)}]`);
    const visibleCheckBoxes = () => card().locator('input[type="checkbox"]:visible').count();

    step('the card as it arrives: one line per group, no signal check boxes, within the budget');
    const closed = (await card().boundingBox()).height;
    const text = await chat.cardText(intakeCard);
    for (const [group, count] of [['Op school: lichaam en spullen', 3], [GROUP, 6], ['Op school: gevoel, gedrag en schoolwerk', 5], ['Thuis: lichaam, spullen en geld', 3], ['Thuis: vrienden, school en slaap', 6]]) {
      assert.ok(text.includes(group) && text.includes(`0 van ${count} gekozen`), `the card shows the group "${group}" with "0 van ${count} gekozen":\n${text}`);
    }
    assert.equal(await visibleCheckBoxes(), 1, 'only the "digitaal pesten" box shows before a group is opened');
    assert.ok(closed <= BUDGET_PX, `the step-1 card is ${Math.round(closed)} px tall, over ${BUDGET_PX}`);

    step(`a click on "${GROUP}" opens its six check boxes; tick one`);
    await chat.clickButton(GROUP, { inCard: intakeCard });
    await box().waitFor({ state: 'visible' });
    assert.equal(await visibleCheckBoxes(), 7);
    const opened = (await card().boundingBox()).height;
    await chat.toggle(SIGNAL, { inCard: intakeCard });
    console.log(`      step-1 card height at 1280×900: ${Math.round(closed)} px with the groups closed, ${Math.round(opened)} px with "${GROUP}" open`);

    step('a class of only spaces passes the card but not the server: the same card comes back with everything kept');
    await chat.fillInput('Klas', '  ', { inCard: intakeCard });
    await chat.fillInput('Wat heb je gezien of gehoord?', SEEN, { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });
    await chat.waitForCardChange(intakeCard, (t) => t.includes('1 van 6 gekozen'), { what: 'the card back with "1 van 6 gekozen"' });
    assert.ok(await box().isVisible(), 'the group with the ticked signal is open on the card that came back');
    assert.ok(await box().isChecked(), 'the ticked signal is still ticked');
    assert.equal(await chat.inputValue('Wat heb je gezien of gehoord?', { inCard: intakeCard }), SEEN, 'the typed text is kept');

    step('with the class filled in, the card goes through');
    await chat.fillInput('Klas', '2b', { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });
    await chat.waitForCard('Klopt het vermoeden?');
  });
