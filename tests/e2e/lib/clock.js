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
