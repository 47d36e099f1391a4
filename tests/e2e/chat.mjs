// Chat with a locally running bot in the Microsoft 365 Agents Playground, as a person of the mock school.
//   node tests/e2e/chat.mjs [mentor|coordinator|teacher|teamLeader|internalSupervisor|student] [--port 56150]
// The bot must already run on http://127.0.0.1:3978 (dotnet run --project src/PestProtocol.Bot).
import { startPlayground } from './lib/playground.js';
import { USERS } from './lib/mock-users.js';

const args = process.argv.slice(2);
const who = args.find((a) => !a.startsWith('--')) ?? 'mentor';
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 56150;
const botUrl = process.env.BOT_URL ?? 'http://127.0.0.1:3978';
if (!USERS[who]) {
  console.error(`Unknown person '${who}'. Choose one of: ${Object.keys(USERS).join(', ')}`);
  process.exit(2);
}

const playground = await startPlayground({ botUrl, port, currentUser: who });
console.log(`Agents Playground: ${playground.url}  (you are ${USERS[who].name}, ${USERS[who].role}; Ctrl+C to stop)`);
const stop = async () => { await playground.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await new Promise(() => {});
