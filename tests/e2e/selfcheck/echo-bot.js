// A tiny stand-in bot for checking the harness itself (playground config, browser, card helpers)
// independently of the product: it answers every turn with an Adaptive Card through the
// playground's connector, the way a Bot Framework bot does.
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

function replyFor(activity) {
  const who = activity.from?.aadObjectId ?? 'onbekend';
  if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) {
    return card(`Echo is er (gebruiker ${who})`, ['Opnieuw']);
  }
  if (activity.type === 'message') {
    const said = activity.value ? JSON.stringify(activity.value) : activity.text;
    return card(`Echo: ${said} (gebruiker ${who})`, ['Verder']);
  }
  return undefined;
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
      const attachment = replyFor(activity);
      if (!attachment) {
        return;
      }
      const reply = {
        type: 'message',
        from: activity.recipient,
        recipient: activity.from,
        conversation: activity.conversation,
        replyToId: activity.id,
        attachments: [attachment],
      };
      const target = `${activity.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`;
      await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply) }).catch(() => {});
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
