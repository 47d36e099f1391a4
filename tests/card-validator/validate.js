#!/usr/bin/env node
// Parses Adaptive Card JSON with the adaptivecards SDK (the parser Teams' web client is built on)
// and reports every parse and validation event. Exits 1 when any card has an event, 2 on bad input.
//
// Usage:
//   node validate.js card1.json card2.json      one card per file
//   node validate.js < cards.json               a JSON array of cards, or one card, on stdin
//   add --json to print a machine-readable result: [{ "name", "events": [{ "phase", "event", "message" }] }]
'use strict';

const fs = require('fs');
const path = require('path');
const AC = require('adaptivecards/dist/adaptivecards.js');

function eventsOf(cardJson) {
  const events = [];
  if (cardJson === null || typeof cardJson !== 'object' || Array.isArray(cardJson)) {
    events.push({ phase: 'Parse', event: 'InvalidInput', message: 'A card must be a JSON object.' });
    return events;
  }
  if (cardJson.type !== 'AdaptiveCard') {
    events.push({ phase: 'Parse', event: 'InvalidInput', message: 'The root "type" must be "AdaptiveCard".' });
  }

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(cardJson, context);
  for (let i = 0; i < context.eventCount; i++) {
    events.push(describe(context.getEventAt(i)));
  }
  for (const e of card.validateProperties().validationEvents) {
    events.push(describe(e));
  }
  return events;
}

function describe(e) {
  return {
    phase: AC.ValidationPhase[e.phase] ?? String(e.phase),
    event: AC.ValidationEvent[e.event] ?? String(e.event),
    message: e.message,
  };
}

function readInputs(files) {
  if (files.length > 0) {
    return files.map((file) => ({ name: path.basename(file), json: JSON.parse(fs.readFileSync(file, 'utf8')) }));
  }
  const parsed = JSON.parse(fs.readFileSync(0, 'utf8'));
  const cards = Array.isArray(parsed) ? parsed : [parsed];
  return cards.map((json, i) => ({ name: `card ${i}`, json }));
}

function main() {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const files = args.filter((a) => a !== '--json');

  let inputs;
  try {
    inputs = readInputs(files);
  } catch (err) {
    process.stderr.write(`validate.js: cannot read cards: ${err.message}\n`);
    process.exit(2);
  }

  const results = inputs.map(({ name, json }) => ({ name, events: eventsOf(json) }));

  if (asJson) {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    for (const { name, events } of results) {
      if (events.length === 0) {
        process.stdout.write(`${name}: ok\n`);
        continue;
      }
      process.stdout.write(`${name}: ${events.length} event(s)\n`);
      for (const e of events) {
        process.stdout.write(`  [${e.phase}] ${e.event}: ${e.message}\n`);
      }
    }
  }

  process.exit(results.some((r) => r.events.length > 0) ? 1 : 0);
}

main();
