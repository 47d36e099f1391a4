// The bot's development-only clock (/api/dev/clock, mapped only without a MicrosoftAppId, loopback callers only):
// moving it forward runs the follow-up scheduler (follow-ups and the prevention round) at once.
import assert from 'node:assert/strict';

/**
 * Moves the bot's clock forward and returns the endpoint's answer ({ now, offset, followUpJobs }).
 * @param {string} botUrl
 * @param {string} advance a .NET TimeSpan, "d.hh:mm:ss"
 */
export async function moveClock(botUrl, advance) {
  const response = await fetch(`${botUrl}/api/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `POST /api/dev/clock answered ${response.status}: ${body}`);
  return JSON.parse(body);
}

/**
 * Waits until the bot's outbox has nothing due (every message that was planned has been sent or given up) and returns
 * its counts ({ due, sent }). With the count of sent messages before and after, a scenario can show that nothing was
 * sent, instead of waiting a fixed time for a card that does not come.
 * @param {string} botUrl
 * @param {number} [timeoutMs]
 */
export async function outboxSettled(botUrl, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${botUrl}/api/dev/clock`);
    const body = await response.text();
    assert.equal(response.status, 200, `GET /api/dev/clock answered ${response.status}: ${body}`);
    const { outbox } = JSON.parse(body);
    if (outbox.due === 0) {
      return outbox;
    }
    assert.ok(Date.now() < deadline, `the outbox still has ${outbox.due} message(s) due after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
