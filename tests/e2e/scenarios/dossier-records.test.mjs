// Issue 13: the dossier leaves the bot. The mentor (Anouk de Vries) records a suspicion about Sanne de Boer,
// opens the dossier, makes a note for Magister from it and copies it out of the card (select all + copy in the
// text field, read back from the clipboard), sees the copied steps marked in the dossier, and asks for the PDF:
// the link in the card serves a PDF (fetched like a browser would). The texts are the bot's own
// (src/PestProtocol.Bot/Features/Records, Cards/Overview/DossierCard.cs).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { USERS } from '../lib/mock-users.js';

const STUDENT = 'Sanne de Boer';
const SEEN = 'In de pauze lachen klasgenoten haar uit; ze staat steeds alleen.';

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

scenario('a mentor copies a note for Magister out of the dossier and gets its PDF; the copied steps are marked',
  { currentUser: 'mentor', file: 'dossier-records', timeout: 180_000 }, async ({ chat, step }) => {
    step('waiting for the welcome card');
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`recording a suspicion about ${STUDENT}: melding → name → intake → "Melding vastleggen"`);
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
    step(`the case code is ${code}; leaving the step with "stop"`);
    await chat.send('stop');

    step(`dossier ${code} → "Kopieer voor Magister" → "Maak de notitie"`);
    await chat.send(`dossier ${code}`);
    const dossier = await chat.cardText(`Dossier ${code}`);
    assert.doesNotMatch(dossier, /notitie voor Magister gemaakt op/, 'nothing is in Magister yet');
    await chat.clickButton('Kopieer voor Magister', { inCard: `Dossier ${code}` });
    await chat.clickButton('Maak de notitie', { inCard: `Dossier ${code}` });

    step('the note card: plain text in a text field, selected with Ctrl+A and copied with Ctrl+C');
    await chat.waitForCard(`Notitie voor Magister – ${code}`);
    const field = chat.page.locator('.ac-adaptiveCard', { hasText: `Notitie voor Magister – ${code}` }).last().locator('textarea');
    const note = await field.inputValue();
    assert.match(note, new RegExp(`^Pestprotocol, melding ${code} – ${STUDENT}, klas 2b, Locatie De Wilgen\\n`), note);
    assert.match(note, /– Stap 1 – Vermoedens van pesten \(dossier #1\)\n/);
    assert.match(note, new RegExp(`Vastgelegd door: ${USERS.mentor.name} \\(mentor\\)`));
    assert.ok(note.includes(`Wat er is gedaan: ${SEEN}`), note);
    assert.match(note, /Volgende actie: /);
    assert.doesNotMatch(note, /\*\*|<[a-z]|\t/, 'no markup, no tabs');

    await chat.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(chat.page.url()).origin });
    await field.click();
    await field.press('Control+A');
    const selected = await field.evaluate((el) => el.value.substring(el.selectionStart, el.selectionEnd));
    assert.equal(selected, note, 'select-all in the field selects the whole note');
    await field.press('Control+C');
    const copied = await chat.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied.replaceAll('\r\n', '\n'), note, 'the clipboard holds the note as it will be pasted');

    step(`dossier ${code} again: the copied step is marked "notitie voor Magister gemaakt"`);
    await chat.send(`dossier ${code}`);
    await chat.waitForText('✓ notitie voor Magister gemaakt op');

    step('"PDF om te printen" → a card with a link that serves the PDF');
    await chat.clickButton('PDF om te printen', { inCard: '✓ notitie voor Magister gemaakt op' });
    const pdfCard = await chat.cardText(`PDF van dossier ${code}`);
    assert.match(pdfCard, /De link werkt 10 minuten/);
    const url = openUrlOf(chat.pushed(), 'PDF openen');
    assert.ok(url, 'the card has a "PDF openen" link');
    assert.ok(!url.includes(code), 'the link carries no case code');
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition') ?? '', new RegExp(`dossier-${code}\\.pdf`));
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const junk = await fetch(url.slice(0, -4) + 'AAAA', { signal: AbortSignal.timeout(5_000) });
    assert.equal(junk.status, 404, 'a changed link is refused');
  });
