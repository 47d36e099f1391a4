using PestProtocol.Bot.Configuration;
using PestProtocol.Bot.Hosting;

try
{
    var app = PestProtocolApp.Build(args);
    app.Run();
    return 0;
}
catch (BotConfigurationException ex)
{
    // An administrator reads this: every problem at once, no stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
