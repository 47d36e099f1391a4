// Issue 15 item 5: when the school answers an anonymous report, every student of the location gets the same short notice,
// without content, at the notice hour (AnonymousReports:ReplyNotice:Hour, 15:00 school time) of a school day; the student who
// reported reads the answer with "status". Two playgrounds against one bot: the coordinator (Jeroen Bakker, De Wilgen) and
// the student (Daan Mulder, De Wilgen). Daan reports anonymously and reads on the sent card how he will hear of an answer;
// Jeroen answers on the alert card; nothing reaches Daan then. The bot's development-only clock is moved to 15:00 of the
// next school day; the notice round (polling every 2 s here) plans one notice per student of De Wilgen and the outbox
// dispatcher delivers them: Daan's playground shows "Er is een antwoord op een anonieme melding" → "Bekijk mijn melding" →
// code and passphrase → the answer. A second student of De Wilgen who reported nothing (Sanne de Boer, development
// directory) plays her chat at the HTTP level against a tiny stand-in connector on 127.0.0.1, since the playground plays one
// person per page: she gets the very same card.
// The playground cannot play Teams' app installation, which is how the outbox reaches students in Teams; the bot runs
// with Development:StudentChats, which (development mode only) keeps a student's chat in memory for that.
// The texts are the bot's own (src/PestProtocol.Bot/Features/AnonymousReports/ReplyNoticeCards.cs, StudentCards.cs).
import assert from 'node:assert/strict';
import http from 'node:http';
import { scenario } from '../lib/scenario.js';
import { moveClock } from '../lib/clock.js';
import { BOT, TENANT_ID } from '../lib/mock-users.js';

const WHAT_HAPPENED = 'In de kantine gooien ze steeds mijn eten op de grond en lachen ze me uit.';
const ANSWER = 'Dank je dat je dit meldt. Wil je een keer met mij praten? Dat kan zonder dat iemand het weet.';
const REPORT_CARD = 'Anonieme melding van een leerling';
const NOTICE_CARD = 'Er is een antwoord op een anonieme melding';
const NOTICE_TEXT = 'De school heeft geantwoord op een anonieme melding van een leerling van jouw school.';
const CHOICE_STEPS = [
  { question: 'Waar gebeurt het?', answer: 'In de kantine of aula' },
  { question: 'Sinds wanneer gebeurt het?', answer: 'Een paar weken' },
  { question: 'Hoe vaak gebeurt het?', answer: 'Elke dag' },
];
/** The dispatcher polls every 2 s, the notice round every 2 s here; on a busy machine more. */
const OUTBOX_TIMEOUT_MS = 45_000;
/** Sanne de Boer, De Wilgen, 2b (appsettings.Development.json): a student who reported nothing. */
const SANNE = 'e2e0e000-0000-4000-a000-000000000101';

scenario('the school answers an anonymous report; at 15:00 every student of the location gets the same notice, and the reporter reads the answer with status',
  {
    people: ['coordinator', 'student'],
    file: 'anonymous-reply-notice',
    timeout: 240_000,
    env: { AnonymousReports__ReplyNotice__PollInterval: '00:00:02', Development__StudentChats: 'true' },
  },
  async ({ chats, bot, step }) => {
    const { coordinator, student } = chats;
    const sanne = await standInConnector();
    try {
      step('both personal chats open');
      await coordinator.waitForCard('Welkom bij PestProtocol');
      await student.waitForCard('Welkom bij PestProtocol');

      step('Sanne (a student of De Wilgen who reports nothing) says hello from her own chat (HTTP level)');
      await sayHello(bot.url, sanne.url, SANNE);

      step('Daan reports anonymously');
      await student.send('anoniem');
      await student.fillInput('Vertel het in je eigen woorden', WHAT_HAPPENED, { inCard: 'Wat is er gebeurd?' });
      await student.clickButton('Volgende', { inCard: 'Wat is er gebeurd?' });
      await student.clickButton('Over mij', { inCard: 'Gaat het over jou of over iemand anders?' });
      for (const { question, answer } of CHOICE_STEPS) {
        await student.choose(answer, { inCard: question });
        await student.clickButton('Volgende', { inCard: question });
      }
      await student.clickButton('Volgende', { inCard: 'Wie doet het, en bij wie gebeurt het?' });
      await student.clickButton('Versturen', { inCard: 'Klopt dit?' });
      const sent = await student.cardText('Je melding is verstuurd');
      const code = /Code\s+(\S+)/.exec(sent)?.[1] ?? '';
      const passphrase = /Wachtwoord\s+(\S+)/.exec(sent)?.[1] ?? '';
      assert.match(code, /^[2-9A-HJKMNP-TV-Z]{3}-[2-9A-HJKMNP-TV-Z]{3}$/, `the sent card shows a code:\n${sent}`);
      assert.match(sent, /alle leerlingen van je school om 15:00 uur dezelfde korte melding, zonder inhoud/, `the sent card says how he hears of an answer:\n${sent}`);
      assert.doesNotMatch(sent, /géén bericht/);

      step('the coordinator answers on the alert card; he is told when the students hear of it');
      await coordinator.cardText(REPORT_CARD, { timeout: OUTBOX_TIMEOUT_MS });
      await coordinator.clickButton('Reageer anoniem', { inCard: REPORT_CARD });
      await coordinator.fillInput('Je antwoord aan de leerling (de leerling ziet \'De anti-pestcoördinator van je locatie\')', ANSWER, { inCard: REPORT_CARD });
      await coordinator.clickButton('Antwoord versturen', { inCard: REPORT_CARD });
      const answered = await coordinator.waitForCardChange(REPORT_CARD, (text) => text.includes(ANSWER) && text.includes('alle leerlingen van de locatie'),
        { what: 'the answer on the card and when the students hear of it' });
      assert.match(answered, /Om 15:00 uur \(op een schooldag\) krijgen alle leerlingen van de locatie een korte melding zonder inhoud/, answered);

      step('nothing reaches Daan or Sanne at the moment of the answer');
      const studentCards = await student.cardCount();
      assert.equal(sanne.cards().filter((c) => c.includes(NOTICE_TEXT)).length, 0, 'no notice before the hour');

      step('the bot\'s clock moves to 15:00 of the next school day (school time)');
      const now = await botNow(bot.url);
      const moved = await moveClock(bot.url, advanceTo(now, nextNoticeMoment(now)));
      step(`the bot's clock says ${moved.now}`);

      step('Daan\'s chat gets the neutral notice');
      const notice = await student.cardText(NOTICE_CARD, { timeout: OUTBOX_TIMEOUT_MS });
      assert.ok(notice.includes(NOTICE_TEXT), notice);
      assert.match(notice, /Heb je niets gemeld\? Dan hoef je niets te doen\./, notice);
      for (const secret of [WHAT_HAPPENED, ANSWER, code, 'kantine']) {
        assert.ok(!notice.includes(secret), `the notice says nothing of the report ("${secret}"):\n${notice}`);
      }
      assert.equal(await student.cardCount(), studentCards + 1, 'one new card in Daan\'s chat');

      step('Sanne, who reported nothing, gets the very same card');
      await waitFor(() => sanne.cards().some((c) => c.includes(NOTICE_TEXT)), OUTBOX_TIMEOUT_MS, 'the notice in Sanne\'s chat');
      const hers = sanne.cards().filter((c) => c.includes(NOTICE_TEXT));
      assert.equal(hers.length, 1, 'one notice for Sanne');
      assert.ok(hers[0].includes(NOTICE_CARD) && hers[0].includes('Bekijk mijn melding'), hers[0]);
      for (const secret of [WHAT_HAPPENED, ANSWER, code]) {
        assert.ok(!hers[0].includes(secret), `Sanne's notice says nothing of the report ("${secret}")`);
      }
      const daansCard = JSON.stringify(student.pushed().filter((p) => p.action === 'createMessage').map((p) => p.payload).find((p) => p.includes(NOTICE_TEXT)) ?? '');
      assert.ok(daansCard.length > 0, 'the playground pushed the notice to Daan\'s page');

      step('Daan clicks "Bekijk mijn melding", types his code and passphrase and reads the answer');
      await student.clickButton('Bekijk mijn melding', { inCard: NOTICE_CARD });
      await student.fillInput('Code van je melding', code, { inCard: 'Mijn anonieme melding' });
      await student.fillInput('Wachtwoord', passphrase, { inCard: 'Mijn anonieme melding' });
      await student.clickButton('Bekijken', { inCard: 'Mijn anonieme melding' });
      const thread = await student.cardText(ANSWER, { timeout: OUTBOX_TIMEOUT_MS });
      assert.match(thread, /De anti-pestcoördinator van je locatie/, thread);
    } finally {
      await sanne.close();
    }
  });

/** A stand-in for Sanne's Teams connector: answers every POST with an id and keeps the cards it receives. */
async function standInConnector() {
  const received = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `stand-in-${received.length}` }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    cards: () => received.filter((r) => r.method === 'POST' && r.body.includes('application/vnd.microsoft.card.adaptive')).map((r) => r.body),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Sanne types "hallo" in her personal chat, as Teams would post it to the bot. */
async function sayHello(botUrl, serviceUrl, aadObjectId) {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text: 'hallo',
      id: `e2e-${aadObjectId}-${Date.now()}`,
      channelId: 'msteams',
      serviceUrl,
      from: { id: `29:e2e-http-${aadObjectId}`, aadObjectId, name: 'Sanne de Boer' },
      recipient: { id: `28:${BOT.id}`, name: BOT.name },
      conversation: { id: `a:e2e-http-${aadObjectId}`, conversationType: 'personal', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } },
    }),
  });
  assert.ok(response.status >= 200 && response.status < 300, `the bot answered Sanne's message ${response.status}`);
}

async function botNow(botUrl) {
  const response = await fetch(`${botUrl}/api/dev/clock`);
  assert.equal(response.status, 200);
  return new Date((await response.json()).now);
}

/** Amsterdam's weekday (0 = Sunday) and hour of a moment. */
function amsterdam(moment) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(moment);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.find((p) => p.type === 'weekday').value);
  return { weekday, hour: Number(parts.find((p) => p.type === 'hour').value) };
}

/** The first moment after tomorrow's start that is 15:05 school time on a weekday (the development calendar knows weekends only). */
function nextNoticeMoment(now) {
  // Step by whole hours from the next full hour; the first weekday hour 15 in Amsterdam after a day has passed.
  const start = new Date(now.getTime() + 24 * 3_600_000);
  start.setUTCMinutes(5, 0, 0);
  for (let i = 0; i < 24 * 8; i++) {
    const candidate = new Date(start.getTime() + i * 3_600_000);
    const { weekday, hour } = amsterdam(candidate);
    if (weekday >= 1 && weekday <= 5 && hour === 15) {
      return candidate;
    }
  }
  throw new Error('no weekday 15:00 in Amsterdam within eight days');
}

/** A .NET TimeSpan "d.hh:mm:ss" from now to then. */
function advanceTo(now, then) {
  let seconds = Math.ceil((then.getTime() - now.getTime()) / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const pad = (n) => String(n).padStart(2, '0');
  return `${days}.${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

async function waitFor(check, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}
