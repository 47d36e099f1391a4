// Issue 13 item 6: a data subject's rights. The anti-pestcoördinator (Jeroen Bakker) records a suspicion about
// Sanne de Boer, answers a parent's request with `inzage Sanne de Boer` (a card with links to a readable document
// and JSON, fetched like a browser would), then erases everything about her with `wissen Sanne de Boer`: a reason
// and her name typed again; after that her case is gone. Texts: src/PestProtocol.Bot/Features/Records/DataSubject.
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';

const STUDENT = 'Sanne de Boer';
const SEEN = 'Ze wordt in de groepsapp buitengesloten en uitgescholden.';

/** The Action.OpenUrl target of the newest pushed card that has a button titled `title`. */
function openUrlOf(pushed, title) {
  for (const push of [...pushed].reverse()) {
    const raw = typeof push.payload === 'string' ? push.payload : JSON.stringify(push.payload ?? '');
    const match = new RegExp(`"type":"Action.OpenUrl"[^}]*?"url":"([^"]+)"[^}]*?"title":"${title}"|"title":"${title}"[^}]*?"url":"([^"]+)"`).exec(raw.replaceAll('\\"', '"'));
    if (match) {
      return (match[1] ?? match[2]).replaceAll('\\/', '/');
    }
  }
  return undefined;
}

scenario('the coordinator answers a parent with inzage (document and JSON) and then erases the student with a confirmation',
  { currentUser: 'coordinator', file: 'data-subject', timeout: 240_000 }, async ({ chat, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`recording a suspicion about ${STUDENT}`);
    await chat.send('melding');
    await chat.waitForCard('Nieuwe melding');
    await chat.fillInput('Of typ de naam (als zoeken niet lukt)', STUDENT, { inCard: 'Nieuwe melding' });
    await chat.clickButton('Verder', { inCard: 'Nieuwe melding' });
    const intakeCard = `Melding over ${STUDENT}`;
    await chat.waitForCard(intakeCard);
    await chat.clickButton('Op school: met anderen', { inCard: intakeCard });   // the signals are grouped; a click opens the group
    await chat.toggle('Wordt uitgelachen, onvriendelijk behandeld', { inCard: intakeCard });
    await chat.fillInput('Wat heb je gezien of gehoord?', SEEN, { inCard: intakeCard });
    await chat.clickButton('Melding vastleggen', { inCard: intakeCard });
    const step1 = await chat.cardText('Klopt het vermoeden?');
    const code = /vastgelegd in melding (\d{4}-\d{1,6})/.exec(step1)?.[1];
    assert.ok(code, `the step-1 card names the case code; it said:\n${step1}`);
    await chat.send('stop');

    step(`inzage ${STUDENT}: the card, the readable document and the JSON`);
    await chat.send(`inzage ${STUDENT}`);
    const card = await chat.cardText(`Inzage: alle gegevens over ${STUDENT}`);
    assert.match(card, new RegExp(`${code} · slachtoffer`));
    assert.match(card, /Anonieme meldingen staan niet in dit overzicht/);
    const textUrl = openUrlOf(chat.pushed(), 'Overzicht openen');
    const jsonUrl = openUrlOf(chat.pushed(), 'JSON downloaden');
    assert.ok(textUrl && jsonUrl, 'the card links the document and the JSON');
    assert.ok(!textUrl.includes(code) && !textUrl.includes('Sanne'), 'the link carries nothing readable');
    const text = await fetch(textUrl, { signal: AbortSignal.timeout(20_000) });
    assert.equal(text.status, 200);
    const document = await text.text();
    assert.match(document, /OVERZICHT VAN ALLE GEGEVENS OVER EEN LEERLING/);
    assert.ok(document.includes(`Melding ${code}`) && document.includes(SEEN), document);
    const json = await (await fetch(jsonUrl, { signal: AbortSignal.timeout(20_000) })).json();
    assert.equal(json.leerling.naam, STUDENT);
    assert.equal(json.meldingenAlsSlachtoffer[0].code, code);

    step(`wissen ${STUDENT}: a reason and the name typed again`);
    await chat.send(`wissen ${STUDENT}`);
    const confirm = `Alle gegevens over ${STUDENT} wissen?`;
    await chat.waitForCard(confirm);
    await chat.fillInput('Reden (welk verzoek, wanneer ontvangen; geen namen)', 'Verwijderverzoek van de ouders per e-mail, akkoord FG.', { inCard: confirm });
    await chat.fillInput('Typ de volledige naam van de leerling om te bevestigen', STUDENT, { inCard: confirm });
    await chat.clickButton('Definitief wissen', { inCard: confirm });
    await chat.waitForText('Gewist. 1 melding als slachtoffer zijn verwijderd');

    step(`dossier ${code} is gone`);
    await chat.send(`dossier ${code}`);
    await chat.waitForText('Je kunt alleen dossiers bekijken van meldingen waarbij je betrokken bent.');
  });
