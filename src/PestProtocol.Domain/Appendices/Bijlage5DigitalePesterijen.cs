using PestProtocol.Domain.Localization;

namespace PestProtocol.Domain.Appendices;

/// <summary>Bijlage 5: Tips ter voorkoming van digitale pesterijen — eleven tips for the victim of digital bullying.</summary>
public static class Bijlage5DigitalePesterijen
{
    /// <summary>The eleven tips.</summary>
    public static readonly IReadOnlyList<AppendixItem> Tips =
    [
        new("nickname", new("Gebruik altijd een nickname (schuilnaam).", "Always use a nickname (alias).")),
        new("geen-gegevens", new("Geef nooit je adres, achternaam, telefoon of 06-nummer.", "Never give your address, surname, phone or mobile number.")),
        new("chat-blokkeren", new("Chat alleen als je een ander kunt blokkeren.", "Only chat if you can block someone.")),
        new("mail-blokkeren", new("Blokkeer het mailtje (dan krijg je geen post meer van deze afzender).", "Block the email (then you will get no more mail from this sender).")),
        new("zeg-het", new("Zeg het thuis of op school.", "Tell someone at home or at school.")),
        new("bewaar-bewijs", new("Bewaar de pestmail (dat is het bewijs). Maak screenshots.", "Keep the bullying message (that is the evidence). Take screenshots.")),
        new("provider", new("Laat je leerkracht of ouders bij de provider nagaan wie het bericht heeft verstuurd en een klacht indienen.", "Have your teacher or parents check with the provider who sent the message, and file a complaint.")),
        new("meld-chatbox", new("Meld het aan de chatbox zelf (aan de moderatoren of via e-mail).", "Report it to the chat service itself (to the moderators or by email).")),
        new("niet-reageren", new("Reageer nooit zelf op zulke chats.", "Never respond to such chats yourself.")),
        new("blokkeer-uitloggen", new("Blokkeer de chat van die persoon. Kan dat niet? Log uit!", "Block that person's chat. Not possible? Log out!")),
        new("andere-naam", new("Log eventueel onder een andere naam weer in en chat door met de mensen die je wel leuk vindt.", "If you like, log in again under another name and keep chatting with the people you do like.")),
    ];

    /// <summary>Bijlage 5 as an appendix to show.</summary>
    public static readonly Appendix Appendix = new(
        AppendixId.Bijlage5,
        new("Bijlage 5: Tips ter voorkoming van digitale pesterijen", "Appendix 5: Tips to prevent digital bullying"),
        [
            AppendixSection.List("tips", null, Tips,
                new LocalizedText("Geef het slachtoffer bij digitaal pesten in ieder geval de volgende tips:",
                    "In case of digital bullying, give the victim at least the following tips:")),
        ]);
}
