// A tiny stand-in bot for checking the harness itself (playground config, browser, card helpers)
// independently of the product: it answers every turn with an Adaptive Card through the
// playground's connector, the way a Bot Framework bot does. To play a slow machine and the bot's other
// ways of answering: "langzaam <text>" is answered as "<text>" 2 s late; "tekst <text>" with the plain text
// "Tekst: <text>" instead of a card; the card's button "Bijwerken" makes the bot change that card in place
// (PUT …/activities/{id}, as an update-activity) to "Bijgewerkt: …".
import http from 'node:http';

const card = (title, actions) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, wrap: true },
      { type: 'Input.Text', id: 'leerling', label: 'Naam van de leerling' },
      { type: 'Input.ChoiceSet', id: 'groep', label: 'Groep', style: 'compact', choices: [{ title: 'Groep 5', value: '5' }, { title: 'Groep 6', value: '6' }] },
      { type: 'Input.ChoiceSet', id: 'ernst', label: 'Ernst', style: 'expanded', choices: [{ title: 'Licht', value: 'licht' }, { title: 'Ernstig', value: 'ernstig' }] },
    ],
    actions: actions.map((title) => ({ type: 'Action.Submit', title, data: { knop: title } })),
  },
});
const SLOW_PREFIX = 'langzaam ';
const SLOW_MS = 2_000;

/** What the bot answers: `{ attachment }` or `{ text }`, `update` for a change of the clicked card in place, `delayMs`. */
function replyFor(activity) {
  const who = activity.from?.aadObjectId ?? 'onbekend';
  if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) {
    return { attachment: card(`Echo is er (gebruiker ${who})`, ['Opnieuw']) };
  }
  if (activity.type !== 'message') {
    return undefined;
  }
  if (activity.value?.knop === 'Bijwerken') {
    return { update: true, attachment: card(`Bijgewerkt: ${JSON.stringify(activity.value)} (gebruiker ${who})`, ['Verder']) };
  }
  let said = activity.value ? JSON.stringify(activity.value) : String(activity.text ?? '').trim();
  const slow = said.startsWith(SLOW_PREFIX);
  said = slow ? said.slice(SLOW_PREFIX.length) : said;
  const delayMs = slow ? SLOW_MS : 0;
  if (said.startsWith('tekst ')) {
    return { delayMs, text: `Tekst: ${said.slice('tekst '.length)}` };
  }
  return { delayMs, attachment: card(`Echo: ${said} (gebruiker ${who})`, ['Verder', 'Bijwerken']) };
}

/** Starts the echo bot on 127.0.0.1 (port 0 = any); resolves to { url, received, close() }. */
export function startEchoBot(port = 0) {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', async () => {
      if (req.method === 'GET' && req.url === '/healthz') {
        res.end('ok');
        return;
      }
      const activity = JSON.parse(body || '{}');
      received.push(activity);
      res.statusCode = 200;
      res.end();
      const answer = replyFor(activity);
      if (!answer) {
        return;
      }
      if (answer.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      }
      const reply = {
        type: 'message',
        from: activity.recipient,
        recipient: activity.from,
        conversation: activity.conversation,
        replyToId: activity.id,
        ...(answer.attachment ? { attachments: [answer.attachment] } : { text: answer.text }),
      };
      const conversation = `${activity.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(activity.conversation.id)}`;
      const [method, target] = answer.update
        ? ['PUT', `${conversation}/activities/${encodeURIComponent(activity.replyToId)}`]
        : ['POST', `${conversation}/activities/${encodeURIComponent(activity.id)}`];
      if (answer.update) {
        reply.id = activity.replyToId;
      }
      await fetch(target, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply) }).catch(() => {});
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      received,
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
    }));
  });
}
