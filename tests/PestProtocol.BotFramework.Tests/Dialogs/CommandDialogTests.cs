using PestProtocol.BotFramework.Dialogs;
using PestProtocol.BotFramework.Dialogs.Prompts;

namespace PestProtocol.BotFramework.Tests.Dialogs;

/// <summary>The ready-made root dialog: commands, help, stop and switching, without writing the hook yourself.</summary>
public sealed class CommandDialogTests
{
    private static DialogHarness Bot() => new(() => new CommandDialog("root")
        .AddCommand("melding", new WaterfallDialog("melding",
        [
            (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Wat is er gebeurd?"), ct),
            (step, ct) => step.PromptAsync("confirm", PromptOptions.FromText($"Opslaan: {step.Result}?"), ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync(step.GetResult<bool>() ? "Opgeslagen." : "Niet opgeslagen.", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]), "de melding")
        .AddCommand("dossier", new WaterfallDialog("dossier",
        [
            (step, ct) => step.PromptAsync("text", PromptOptions.FromText("Welk dossiernummer?"), ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Dossier {step.Result} geopend.", ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]), "het dossier")
        .AddDialog(new TextPrompt("text"))
        .AddDialog(new ConfirmPrompt("confirm")));

    [Fact]
    public async Task A_command_starts_its_dialog_and_anything_else_lists_the_commands()
    {
        await Bot().Flow()
            .Send("hallo").AssertReply("Dat begrijp ik niet. Je kunt typen: melding, dossier.")
            .Send("/Melding").AssertReply("Wat is er gebeurd?")
            .Send("gescholden").AssertCardContains("Opslaan: gescholden?")
            .ClickButton("Ja").AssertReply("Opgeslagen.")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_stop_and_switching_work_at_every_step()
    {
        var bot = Bot();

        await bot.Flow()
            .Send("melding").AssertReply("Wat is er gebeurd?")
            .Send("hulp").AssertReply("Beantwoord de vraag hieronder. Typ 'stop' om te stoppen.").AssertReply("Wat is er gebeurd?")
            .Send("gescholden").AssertCardContains("Opslaan: gescholden?")
            .Send("dossier").AssertCardContains("Wil je stoppen met de melding?")
            .Send("nee").AssertCardContains("Opslaan: gescholden?")
            .Send("dossier").AssertCardContains("Wil je stoppen met de melding?")
            .Send("ja").AssertReply("Welk dossiernummer?")
            .Send("annuleren").AssertReply("Oké, ik ben gestopt. Wat je in dit gesprek nog niet had afgerond, is niet opgeslagen.")
            .StartTestAsync();

        Assert.Equal("{\"dialogStack\":[]}", bot.State.Json);
        Assert.Equal(DialogTurnStatus.Cancelled, bot.LastResult.Status);
    }
}
