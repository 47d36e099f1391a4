// Issue 15, item 2: input is never lost. A mentor fills in the B.1 card (bemiddelingsgesprek) with a long report but
// ticks only three of the four Bijlage 6 topics. The card itself knows "alle vier onderwerpen" (isRequired with an
// errorMessage on each topic, StepCardChecks): it refuses the click, says which topic is missing, and everything she
// typed and ticked stays (still one B.1 card). She ticks the fourth topic and records the conversation. (A check only
// the server can do, and the card coming back from the server filled in: step1-compact.)
// The texts are the bot's own (src/PestProtocol.Bot/Cards/Melding, Dialogs/Melding/MeldingSubmitRules.cs).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

const STUDENT = 'Sanne de Boer';
const BULLY = 'Lars Hoekstra';
// Not imported from melding-route-d.test.mjs: importing a scenario file declares its scenario here too.
const TOPICS = [
  'Elke leerling heeft recht op een veilige schoolomgeving en de school doet er alles aan om dat te bewerkstelligen.',
  'Spreek de pester aan en maak hem duidelijk dat hij moet stoppen met het pesten.',
  'Sta stil bij de gevoelens van het slachtoffer, zodat hij zich begrepen voelt.',
  'Maak de pester bewust van het effect van zijn gedrag.',
];
const REPORT = 'Lars weet nu wat zijn gedrag met Sanne doet. Hij vertelde dat hij het begon als grap in de groepsapp en belooft te stoppen; Sanne wil dat de mentor over twee weken navraagt.';
const AGREEMENTS = 'Lars laat Sanne met rust\nSanne meldt het meteen bij de mentor';

scenario('a failed check on B.1 brings the same card back with what the mentor typed',
  { currentUser: 'mentor', file: 'students-kept-input', timeout: 150_000 }, async ({ chat, step }) => {
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`melding → ${STUDENT} → step 1 → confirmed → step 2 → route B`);
    await chat.send('melding');
    await chat.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await chat.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await chat.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await chat.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await chat.fillInput('Wat heb je gezien of gehoord?', 'In de pauze lachen klasgenoten haar uit.', { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });
    await chat.fillInput('Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)', 'Oriënterend gesprek gevoerd; het vermoeden klopt.', { inCard: 'Klopt het vermoeden?' });
    await chat.clickButton('Ja, het vermoeden klopt', { inCard: 'Klopt het vermoeden?' });
    const step2Card = 'Stap 2 – Ouders informeren';
    await chat.waitForCard(step2Card);
    await chat.choose('Ikzelf', { inCard: step2Card });
    await chat.selectChoice('Hoe?', 'In een gesprek op school', { inCard: step2Card });
    await chat.fillInput('Wie gaat welke stappen ondernemen?', 'De mentor voert de gesprekken.', { inCard: step2Card });
    await chat.clickButton('Ouders zijn geïnformeerd', { inCard: step2Card });
    const step3Card = 'Stap 3 – Kies samen met de leerling een route';
    await chat.waitForCard(step3Card);
    await chat.toggle('Deze keuze is samen met de leerling gemaakt', { inCard: step3Card });
    await chat.clickButton('Route B', { inCard: step3Card });

    step('B.1 with a long report, agreements, and only three of the four topics → "Gesprek vastleggen"');
    const b1Card = 'Stap B.1 – Bemiddelingsgesprek';
    await chat.waitForCard(b1Card);
    await chat.fillInput('Of typ de naam van de dader (leeg laten als de dader op een andere school zit)', BULLY, { inCard: b1Card });
    await chat.toggle(`Ikzelf (${USERS.mentor.name})`, { inCard: b1Card });
    for (const topic of TOPICS.slice(0, 3)) {
      await chat.toggle(topic, { inCard: b1Card });
    }
    await chat.fillInput('Wat is er besproken?', REPORT, { inCard: b1Card });
    await chat.fillInput('Afspraken (één per regel)', AGREEMENTS, { inCard: b1Card });
    const cardsBefore = await chat.cardCount();
    await chat.clickButton('Gesprek vastleggen', { inCard: b1Card });

    step('the card says which topic is missing and keeps everything she typed');
    const back = await chat.waitForCardChange(b1Card, (text) => text.includes(TOPICS[3]) && /Vink .* aan\./.test(text), { what: 'the reason on the card', timeout: 30_000 });
    assert.match(back, /Vink .*aan\./, back);
    assert.equal(await chat.inputValue('Wat is er besproken?', { inCard: b1Card }), REPORT, 'the typed report is still there');
    assert.equal(await chat.inputValue('Afspraken (één per regel)', { inCard: b1Card }), AGREEMENTS, 'the agreements are still there');
    assert.equal(await chat.cardCount(), cardsBefore, 'no second, empty B.1 card: the card was updated in place');

    step('she ticks the fourth topic and records it');
    await chat.toggle(TOPICS[3], { inCard: b1Card });
    await chat.clickButton('Gesprek vastleggen', { inCard: b1Card });
    await chat.waitForCard('Stap B.2 – Melden bij ouders', { timeout: 30_000 });
  });
