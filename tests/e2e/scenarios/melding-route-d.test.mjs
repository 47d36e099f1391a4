// A staff member can take a case from suspicion to route D in the Agents Playground, every step in
// the dossier with who and when. The mentor (Anouk de Vries) walks /melding: intake, stap 1, stap 2,
// stap 3 → route B (B.1–B.4), the bullying persists → stap 4 → route D (D.1–D.5), then reads the
// dossier, which names the bully ("Pester: Lars Hoekstra (2b)"); on the D.5 follow-up day the victim and the
// bully each get their own card, and the bully's answer is an entry of its own. The texts are the bot's own (src/PestProtocol.Bot/Cards/Melding, StepTitles in the domain).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';
import { moveClock } from '../lib/clock.js';

export const STUDENT = 'Sanne de Boer';
export const BULLY = 'Lars Hoekstra';
export const ACTOR = `${USERS.mentor.name} (mentor)`;

/** The dossier's entries, in the order the walk records them (StepTitles in the domain). */
export const DOSSIER_STEPS = [
  'Stap 1 – Vermoedens van pesten',
  'Stap 1 – Vermoeden bevestigd',
  'Stap 2 – Ouders informeren',
  'Stap 3 – Route B: de leerling weet wie de dader is',
  'Stap B.1 – Bemiddelingsgesprek',
  'Stap B.2 – Melden bij ouders, teamleider, anti-pestcoördinator en IB',
  'Stap B.3 – Gebeurtenis en afspraken in het dossier',
  'Stap B.4 – Naleving afspraken en vervolgafspraak',
  'Stap 4 – Keuze uit route D / E',
  'Stap 4 – Route D: de dader is bekend',
  'Stap D.1 – Teamleider inschakelen',
  'Stap D.2 – Gesprek met de dader en de ouders',
  'Stap D.3 – Ouders van het slachtoffer inlichten',
  'Stap D.4 – Notitie in het dossier',
  'Stap D.5 – Blijf de leerling volgen (slachtoffer en dader)',
];

/** The four Bijlage 6 topics of B.1, as the toggles on the card say them. */
export const B1_TOPICS = [
  'Elke leerling heeft recht op een veilige schoolomgeving en de school doet er alles aan om dat te bewerkstelligen.',
  'Spreek de pester aan en maak hem duidelijk dat hij moet stoppen met het pesten.',
  'Sta stil bij de gevoelens van het slachtoffer, zodat hij zich begrepen voelt.',
  'Maak de pester bewust van het effect van zijn gedrag.',
];

const DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** A moment as the dossier shows it: "di 24 nov 2026, 14:05", Amsterdam time. */
export function dossierTime(moment) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(moment).map((p) => [p.type, p.value]));
  const weekday = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day))).getUTCDay();
  return `${DAYS[weekday]} ${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

/** Every minute from `from` to `to` as the dossier shows it. */
function minutesBetween(from, to) {
  const shown = new Set();
  for (let t = Math.floor(from / 60_000) * 60_000; t <= to; t += 60_000) {
    shown.add(dossierTime(new Date(t)));
  }
  return shown;
}

scenario('a mentor takes a case from suspicion to route D; the dossier lists every step with who and when',
  { currentUser: 'mentor', file: 'melding-route-d', timeout: 360_000 }, async ({ chat, bot, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');
    const startedAt = Date.now();

    // Intake --------------------------------------------------------------------------------------
    step('typing "melding"');
    await chat.send('melding');
    await chat.waitForCard('Nieuwe melding');
    step(`typing the student's name "${STUDENT}" (the playground has no type-ahead) → Verder`);
    await chat.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await chat.clickButton('Verder', { inCard: 'Nieuwe melding' });

    step('the step-1 intake card: class from the directory, two signals, what was seen → "Melding vastleggen"');
    const intake = await chat.cardText(`Melding over ${STUDENT} (2b)`);
    assert.match(intake, /Stap 1 – Vermoedens van pesten/);
    const intakeCard = `Melding over ${STUDENT}`;
    assert.equal(await chat.inputValue('Klas', { inCard: intakeCard }), '2b', 'the class comes pre-filled from the directory');
    assert.equal(await chat.inputValue('Locatie', { inCard: intakeCard }), 'Locatie De Wilgen', 'the location comes pre-selected from the directory');
    await chat.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await chat.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await chat.clickButton('Op school: gevoel, gedrag en schoolwerk', { inCard: intakeCard });
    await chat.toggle('Geen zin om naar school te gaan', { inCard: intakeCard });
    await chat.fillInput('Wat heb je gezien of gehoord?', 'In de pauze lachen klasgenoten haar uit; ze staat steeds alleen.', { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });

    // Stap 1: does the suspicion hold? --------------------------------------------------------------
    step('stap 1: the case is recorded under a code; "Ja, het vermoeden klopt"');
    const step1 = await chat.cardText('Klopt het vermoeden?');
    const code = /vastgelegd in melding (\d{4}-\d{1,6})/.exec(step1)?.[1];
    assert.ok(code, `the step-1 card names the case code; it said:\n${step1}`);
    step(`the case code is ${code}`);
    // A note is required when the suspicion is confirmed (the protocol: always a note in the dossier).
    await chat.fillInput('Notitie (verplicht als je kiest of het vermoeden klopt: wat bleek uit het gesprek?)', 'Oriënterend gesprek gevoerd; het vermoeden klopt.', { inCard: 'Klopt het vermoeden?' });
    await chat.clickButton('Ja, het vermoeden klopt', { inCard: 'Klopt het vermoeden?' });

    // Stap 2: parents ---------------------------------------------------------------------------------
    step('stap 2: who informed the parents (Ikzelf), how, who takes which steps → "Ouders zijn geïnformeerd"');
    await chat.waitForText(`Vastgelegd in melding ${code}: Stap 1 – Vermoeden bevestigd.`);
    const step2Card = 'Stap 2 – Ouders informeren';
    await chat.waitForCard(step2Card);
    await chat.choose('Ikzelf', { inCard: step2Card });
    await chat.selectChoice('Hoe?', 'In een gesprek op school', { inCard: step2Card });
    await chat.fillInput('Wie gaat welke stappen ondernemen?', 'De mentor voert de gesprekken; de anti-pestcoördinator sluit aan.', { inCard: step2Card });
    await chat.clickButton('Ouders zijn geïnformeerd', { inCard: step2Card });

    // Stap 3: route B, chosen with the student ----------------------------------------------------------------
    step('stap 3: chosen together with the student → "Route B"');
    const step3Card = 'Stap 3 – Kies samen met de leerling een route';
    await chat.waitForCard(step3Card);
    await chat.toggle('Deze keuze is samen met de leerling gemaakt', { inCard: step3Card });
    await chat.clickButton('Route B', { inCard: step3Card });

    // Route B ----------------------------------------------------------------------------------------
    step(`B.1: the bully (${BULLY}), who held the conversation, the four topics, what was discussed, agreements → "Gesprek vastleggen"`);
    const b1Card = 'Stap B.1 – Bemiddelingsgesprek';
    await chat.waitForCard(b1Card);
    await chat.fillInput('Of typ de naam van de dader (leeg laten als de dader op een andere school zit)', BULLY, { inCard: b1Card });
    await chat.toggle(`Ikzelf (${USERS.mentor.name})`, { inCard: b1Card });
    await chat.toggle(`${USERS.coordinator.name} (anti-pestcoördinator)`, { inCard: b1Card });
    for (const topic of B1_TOPICS) {
      await chat.toggle(topic, { inCard: b1Card });
    }
    await chat.fillInput('Wat is er besproken?', 'Lars weet nu wat zijn gedrag met Sanne doet en belooft te stoppen.', { inCard: b1Card });
    await chat.fillInput('Afspraken (één per regel)', 'Lars laat Sanne met rust\nSanne meldt het meteen bij de mentor', { inCard: b1Card });
    await chat.clickButton('Gesprek vastleggen', { inCard: b1Card });

    step('B.2: parents informed, what was reported → "Gesprek met ouders vastleggen"');
    const b2Card = 'Stap B.2 – Melden bij ouders';
    await chat.waitForCard(b2Card);
    await chat.fillInput('Wat heb je gemeld?', 'Het bemiddelingsgesprek en de afspraken.', { inCard: b2Card });
    await chat.clickButton('Gesprek met ouders vastleggen', { inCard: b2Card });

    step('B.3: the event, with the B.1 agreements already filled in → "Vastleggen"');
    const b3Card = 'Stap B.3 – Gebeurtenis en afspraken in het dossier';
    await chat.waitForCard(b3Card);
    const agreements = await chat.inputValue('Afspraken (één per regel)', { inCard: b3Card });
    assert.equal(agreements, 'Lars laat Sanne met rust\nSanne meldt het meteen bij de mentor', 'B.3 offers the agreements of B.1');
    await chat.fillInput('Wat is er gebeurd?', 'Sanne werd in de pauzes uitgelachen door Lars.', { inCard: b3Card });
    await chat.clickButton('Vastleggen', { inCard: b3Card });

    step('B.4: "Het pestgedrag houdt aan" → "Vervolgafspraak plannen"');
    const b4Card = 'Stap B.4 – Naleving afspraken en vervolgafspraak';
    await chat.waitForCard(b4Card);
    await chat.toggle('Het pestgedrag houdt aan', { inCard: b4Card });
    await chat.fillInput('Hoe gaat het sinds de afspraken? (wat zie je, wat hoor je)', 'Lars blijft Sanne uitlachen, ook online.', { inCard: b4Card });
    await chat.clickButton('Vervolgafspraak plannen', { inCard: b4Card });

    // Stap 4: after route B only route D -------------------------------------------------------------------
    step('stap 4: after route B the only route is D → "Route D"');
    const step4Card = 'Het pesten gaat door. Kies de route';
    const step4 = await chat.cardText(step4Card);
    assert.match(step4, /Stap 4 – Keuze uit route D \/ E/);
    const step4Buttons = await chat.buttonTitles({ inCard: step4Card });
    assert.ok(step4Buttons.includes('Route D'), `stap 4 offers route D; buttons: ${step4Buttons.join(', ')}`);
    assert.ok(!step4Buttons.includes('Route E'), `after route B, stap 4 offers no route E; buttons: ${step4Buttons.join(', ')}`);
    await chat.clickButton('Route D', { inCard: step4Card });

    // Route D, as far as the bot leads ------------------------------------------------------------------------
    step('D.1: who was brought in → "Vastleggen"');
    const d1Card = 'Stap D.1 – Teamleider inschakelen';
    await chat.waitForCard(d1Card);
    await chat.fillInput('Wie heb je ingeschakeld, en wat is er afgesproken?', 'Teamleider Marco Jansen; gesprek met Lars en zijn ouders volgende week.', { inCard: d1Card });
    await chat.clickButton('Vastleggen', { inCard: d1Card });

    step('D.2: the confronting conversation (the bully is known) → "Gesprek vastleggen"');
    const d2Card = 'Stap D.2 – Gesprek met de dader en de ouders';
    const d2 = await chat.cardText(d2Card);
    assert.match(d2, /De dader is al bekend in deze melding: Lars Hoekstra \(2b\)/);
    await chat.fillInput('Hoe is de situatie uitgelegd, en hoe lossen jullie het samen met de ouders op?', 'Met Lars en zijn ouders besproken; zij spreken Lars thuis aan.', { inCard: d2Card });
    await chat.clickButton('Gesprek vastleggen', { inCard: d2Card });

    step('D.3: the victim\'s parents → "Ouders zijn ingelicht"');
    const d3Card = 'Stap D.3 – Ouders van het slachtoffer inlichten';
    await chat.waitForCard(d3Card);
    await chat.clickButton('Ouders zijn ingelicht', { inCard: d3Card });

    step('D.4: a note → "Notitie vastleggen"');
    const d4Card = 'Stap D.4 – Notitie in het dossier';
    await chat.waitForCard(d4Card);
    await chat.fillInput('Notitie', 'Sanne voelt zich gesteund.', { inCard: d4Card });
    await chat.clickButton('Notitie vastleggen', { inCard: d4Card });

    step('D.5: the next follow-up (the card proposes one) → "Vervolgmoment vastleggen"');
    const d5Card = 'Stap D.5 – Blijf de leerling volgen';
    await chat.waitForCard(d5Card);
    await chat.clickButton('Vervolgmoment vastleggen', { inCard: d5Card });
    step('the case now waits for its follow-up: the bot says how to pick it up later');
    await chat.waitForText(`Typ later 'melding ${code}'`);
    const finishedAt = Date.now();

    // The dossier ------------------------------------------------------------------------------------
    step(`typing "dossier ${code}"`);
    await chat.send(`dossier ${code}`);
    const dossier = await chat.cardText(`Dossier ${code}`);
    assert.match(dossier, new RegExp(`Leerling\\s+${STUDENT}`));
    assert.match(dossier, new RegExp(`Alle stappen, de oudste eerst \\(${DOSSIER_STEPS.length}\\)`));

    step('the dossier lists every step in order, each with "Anouk de Vries (mentor)" and the time it was recorded');
    const times = minutesBetween(startedAt - 60_000, finishedAt + 60_000);
    let at = 0;
    DOSSIER_STEPS.forEach((title, index) => {
      const heading = `#${index + 1} ${title}`;
      const found = dossier.indexOf(heading, at);
      assert.ok(found >= 0, `the dossier shows "${heading}" after the steps before it; it shows:\n${dossier}`);
      const whoAndWhen = dossier.slice(found + heading.length).trimStart().split('\n')[0];
      const match = /^(.+) · (.+)$/.exec(whoAndWhen);
      assert.ok(match, `"${heading}" is followed by when · who; it says "${whoAndWhen}"`);
      assert.equal(match[2], ACTOR, `"${heading}" was recorded by ${ACTOR}`);
      assert.ok(times.has(match[1]), `"${heading}" was recorded at "${match[1]}", during this scenario (${[...times].join(' … ')})`);
      at = found + heading.length;
    });

    step('the dossier keeps what was filled in: the signals, route B chosen with the student, B.1 with whom and the topics');
    const signals = /Signalen \(bijlage 1\)\s+(.+)/.exec(dossier)?.[1] ?? '';
    assert.deepEqual(signals.split('; ').sort(), ['Geen zin om naar school te gaan', 'Wordt uitgelachen, onvriendelijk behandeld'], `the signals ticked on the intake card; the dossier says "${signals}"`);
    assert.match(dossier, /route B, samen met de leerling gekozen/);
    assert.match(dossier, new RegExp(`Ouders geïnformeerd\\s+in een gesprek op school door ${USERS.mentor.name}`));
    // Issue 13 item 4: the dossier card (staff with a role in the case only) names the bully as a participant.
    assert.match(dossier, new RegExp(`Betrokken\\s+slachtoffer, dader ${BULLY} \\(2b\\), ${USERS.mentor.name}, ${USERS.coordinator.name}`));
    assert.match(dossier, /Betrokken leerlingen/);
    assert.match(dossier, new RegExp(`Slachtoffer\\s+${STUDENT} \\(2b\\)`));
    assert.match(dossier, new RegExp(`Pester\\s+${BULLY} \\(2b\\)`));
    assert.match(dossier, /Lars laat Sanne met rust/);
    assert.match(dossier, /Pesten houdt aan\s+ja/);

    // D.5 "blijf zowel slachtoffer als dader volgen": on the follow-up day the victim and the bully each get a card.
    step('the clock moves three weeks on (development only): the follow-up day of D.5 has come');
    await chat.mark();   // the follow-up cards come from the clock, not from an action on this page
    const moved = await moveClock(bot.url, '21.00:00:00');
    assert.equal(moved.followUpJobs, 1, `the scheduler did the reminder of this case: ${JSON.stringify(moved)}`);
    const victimCard = `Hoe gaat het met ${STUDENT}?`;
    const bullyCard = `Hoe gaat het met ${BULLY}? (dader)`;
    step(`two cards arrive: "${victimCard}" and "${bullyCard}"`);
    const victim = await chat.cardText(victimCard, { timeout: 30_000 });
    assert.match(victim, /eigen kaart/, victim);
    const bully = await chat.cardText(bullyCard, { timeout: 30_000 });
    assert.match(bully, new RegExp(`${BULLY} \\(2b\\)`), bully);
    assert.ok(!(await chat.buttonTitles({ inCard: bullyCard })).includes('Het gaat goed: melding afsluiten'), 'the bully\'s card does not close the case');

    step('the bully\'s own follow-up → "Vervolg van de dader vastleggen"');
    await chat.fillInput(`Hoe gaat het met ${BULLY}? Kort, dit komt in het dossier`, 'Lars houdt zich aan de afspraken.', { inCard: bullyCard });
    await chat.clickButton('Vervolg van de dader vastleggen', { inCard: bullyCard });
    await chat.waitForText(`Het vervolg van ${BULLY} staat in het dossier van melding ${code}`);

    step(`the dossier shows his follow-up as an entry of its own`);
    await chat.send(`dossier ${code}`);
    // The bully's follow-up card also says "vervolgmoment van de dader" (Playwright matches text without case), so wait
    // for the dossier's own entry heading "#N Vervolgmoment van de dader (…)", which only the new dossier card has.
    const after = await chat.cardText(/#\d+ Vervolgmoment van de dader \(/);
    assert.match(after, /Lars houdt zich aan de afspraken\./);
  });
