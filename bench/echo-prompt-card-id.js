'use strict';
// Preloaded into the shared load driver (node --require) for our bot only where needed:
// Teams sends the data of the pressed Action.Submit back in `value`, and our card prompts put
// "promptCardId" into that data. The driver cannot echo data from earlier replies, so this
// module does that one thing: it remembers the promptCardId of the last card the bot sent to
// each conversation (read from the fake connector's incoming requests) and adds it to the next
// card submit (`value`) the driver sends in that conversation. Nothing else is changed.
// Active only in a process whose script is drive.js (NODE_OPTIONS reaches npm and the peer too).
const path = require('node:path');
if (path.basename(process.argv[1] || '') === 'drive.js') {
  const http = require('node:http');
  const lastCardId = new Map(); // conversation id -> promptCardId
  // ECHO_DUMP=<file>: append a one-line summary of every reply (to write or check an overrides file).
  const fs = require('node:fs');
  const dump = process.env.ECHO_DUMP;
  const summary = (conv, a) => ({
    conv, type: a.type, text: a.text,
    cards: (a.attachments || []).map((x) => ({ contentType: x.contentType, texts: JSON.stringify(x.content || {}).match(/"text":"[^"]{0,60}/g)?.slice(0, 4) }))
  });
  const CONNECTOR_RE = /\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?\/?$/;

  const findCardId = (node) => {
    if (Array.isArray(node)) {
      for (const x of node) { const id = findCardId(x); if (id) return id; }
    } else if (node && typeof node === 'object') {
      if (node.data && typeof node.data === 'object' && typeof node.data.promptCardId === 'string') return node.data.promptCardId;
      for (const k of Object.keys(node)) { const id = findCardId(node[k]); if (id) return id; }
    }
    return null;
  };

  const createServer = http.createServer;
  http.createServer = function (...args) {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i >= 0) {
      const listener = args[i];
      args[i] = function (req, res) {
        const m = req.method === 'POST' && CONNECTOR_RE.exec(req.url.split('?')[0]);
        if (m) {
          const chunks = [];
          req.on('data', (c) => chunks.push(c));
          req.on('end', () => {
            try {
              const activity = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              if (dump) fs.appendFileSync(dump, JSON.stringify(summary(m[1], activity)) + '\n');
              const id = findCardId(activity.attachments);
              if (id) lastCardId.set(decodeURIComponent(m[1]), id);
            } catch { /* the driver reports bad JSON itself */ }
          });
        }
        return listener.call(this, req, res);
      };
    }
    return createServer.apply(this, args);
  };

  const request = http.request;
  http.request = function (...args) {
    const req = request.apply(this, args);
    const end = req.end;
    req.end = function (body, ...rest) {
      if (typeof body === 'string' && body.includes('"value"')) {
        try {
          const activity = JSON.parse(body);
          const convId = activity.conversation && activity.conversation.id;
          const id = convId && lastCardId.get(convId);
          if (id && activity.value && typeof activity.value === 'object' && !Array.isArray(activity.value)) {
            activity.value.promptCardId = id;
            lastCardId.delete(convId);
            body = JSON.stringify(activity);
            req.setHeader('content-length', Buffer.byteLength(body));
          }
        } catch { /* leave the body as the driver wrote it */ }
      }
      return end.call(this, body, ...rest);
    };
    return req;
  };
}
