// Issue 15, item 1: case data only where it belongs. In the group chat "Zorgoverleg onderbouw" the mentor types
// "@PestProtocol melding": the group sees one short line without any detail, and the intake continues in her own chat
// with the bot (a proactive message through her stored conversation reference). Nothing of a student ever shows in the
// group: not in what the page shows, not in what the playground pushed for the group chat.
// The texts are the bot's own (src/PestProtocol.Bot/Bots/PestProtocolBot.cs, Cards/WelcomeCards.cs).
import assert from 'node:assert/strict';
import { scenario } from '../lib/scenario.js';
import { GROUP_CHAT } from '../lib/mock-users.js';

const CONTINUED = 'Hier lezen anderen mee, dus ik ga verder in je eigen chat met PestProtocol. Kijk bij je chats.';
const ARRIVED = 'Je schreef me in een gesprek waar anderen meelezen. Hier, in je eigen chat, ziet alleen jij wat ik antwoord.';
/** Anything that could point to a student or a case. */
const CASE_TRACES = /Sanne|de Boer|Daan|Mulder|Lars|\(2b\)|Melding over|Over welke leerling|Dossier|\b20\d{2}-\d{4}\b/;

scenario('melding in a group chat: one line without details there, the intake goes on in the personal chat',
  { currentUser: 'mentor', file: 'students-group-chat', timeout: 120_000 }, async ({ chat, step }) => {
    step('the personal chat opens (the bot stores where to reach the mentor)');
    await chat.waitForCard('Welkom bij PestProtocol');

    step(`the mentor opens the group chat "${GROUP_CHAT.name}" and types "@PestProtocol melding"`);
    await chat.openGroupChat(GROUP_CHAT.name);
    await chat.sendWithMention('melding');
    await chat.waitForText(CONTINUED, { timeout: 30_000 });
    const group = await chat.chatText();
    assert.doesNotMatch(group, CASE_TRACES, `the group chat shows nothing of a student or case:\n${group}`);
    const groupPushes = chat.pushed().filter((p) => p.payload.includes(GROUP_CHAT.id));
    for (const push of groupPushes) {
      assert.doesNotMatch(push.payload, CASE_TRACES, `nothing pushed for the group chat names a student:\n${push.payload}`);
    }

    step('back in her own chat: the bot says why, and the intake card is there');
    await chat.openPersonalChat();
    await chat.waitForText(ARRIVED, { timeout: 30_000 });
    await chat.waitForCard('Nieuwe melding');

    const intake = await chat.cardText('Nieuwe melding');
    assert.match(intake, /Over welke leerling gaat het\?/, `the intake asks for the student in her own chat:\n${intake}`);
    // Not pressed here: the playground (0.2.28) submits a card that arrived while another conversation was open
    // without its inputs (seen in its log: the submit carries no values). In Teams, and in the in-process tests
    // (tests/PestProtocol.Bot.Tests/StudentSide/SharedConversationTests.cs), the intake goes on from this card.
  });
