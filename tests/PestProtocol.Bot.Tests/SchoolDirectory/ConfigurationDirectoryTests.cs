using Microsoft.Extensions.DependencyInjection;
using PestProtocol.Bot.SchoolDirectory;
using PestProtocol.Domain.Roles;

namespace PestProtocol.Bot.Tests.SchoolDirectory;

/// <summary>The directory from configuration, as chosen by default (invented people).</summary>
public sealed class ConfigurationDirectoryTests
{
    private const string School = """
        {
          "Locations": [ { "Id": "dewilgen", "Name": "Locatie De Wilgen" }, { "Id": "hetanker", "Name": "Locatie Het Anker" } ],
          "Classes": [
            { "Name": "2b", "Location": "dewilgen", "Mentor": "m-anouk" },
            { "Name": "2b", "Location": "hetanker", "Mentor": "m-kees" }
          ],
          "People": [
            { "Id": "m-anouk", "Name": "Anouk de Vries", "Location": "dewilgen", "Roles": [ { "Role": "Mentor" } ] },
            { "Id": "m-kees", "Name": "Kees Brouwer", "Location": "hetanker", "Roles": [ { "Role": "Mentor" } ] },
            { "Id": "c-jeroen", "Name": "Jeroen Bakker", "Location": "dewilgen", "Roles": [ { "Role": "AntiPestCoordinator" }, { "Role": "AntiPestCoordinator", "Location": "hetanker" } ] },
            { "Id": "t-marco", "Name": "Marco Jansen", "Location": "dewilgen", "Roles": [ { "Role": "Teamleider" } ] },
            { "Id": "s-jesse", "Name": "Jesse Sanders", "Kind": "Student", "Location": "dewilgen", "Class": "2b" },
            { "Id": "s-sanne", "Name": "Sanne de Boer", "Kind": "Student", "Location": "hetanker", "Class": "2b" },
            { "Id": "s-sander", "Name": "Sander Visser", "Kind": "Student", "Location": "dewilgen", "Class": "1a" },
            { "Id": "s-emma", "Name": "Emma Postma", "Kind": "Student", "Location": "dewilgen", "Class": "1a" }
          ]
        }
        """;

    [Fact]
    public void Without_a_source_the_configuration_directory_is_used()
    {
        using var services = FakeGraph.BuildServices(School);

        Assert.IsType<ConfigurationDirectory>(services.GetRequiredService<IDirectory>());
        Assert.Null(services.GetService<Microsoft.Graph.GraphServiceClient>());
    }

    [Fact]
    public void An_unknown_source_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FakeGraph.BuildServices("""{ "Source": "Ldap" }"""));

        Assert.Contains("Directory:Source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_students_by_name_or_class_with_names_starting_with_the_text_first()
    {
        var directory = Directory();

        var byName = await directory.SearchStudentsAsync("san", 10, CancellationToken.None);
        var byClassAndName = await directory.SearchStudentsAsync("1a em", 10, CancellationToken.None);
        var limited = await directory.SearchStudentsAsync("s", 1, CancellationToken.None);

        Assert.Equal(["Sander Visser", "Sanne de Boer", "Jesse Sanders"], byName.Select(p => p.DisplayName));
        Assert.Equal("Emma Postma", Assert.Single(byClassAndName).DisplayName);
        Assert.Single(limited);
        Assert.Empty(await directory.SearchStudentsAsync("jeroen", 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_mentor_is_the_mentor_of_the_class_at_the_students_own_location()
    {
        var directory = Directory();

        var atWilgen = await directory.GetMentorAsync("s-jesse", CancellationToken.None);
        var atAnker = await directory.GetMentorAsync("s-sanne", CancellationToken.None);

        Assert.Equal("Anouk de Vries", atWilgen?.DisplayName);
        Assert.Equal("Kees Brouwer", atAnker?.DisplayName);
        Assert.Null(await directory.GetMentorAsync("s-emma", CancellationToken.None)); // class 1a has no mentor configured
        Assert.Null(await directory.GetMentorAsync("m-anouk", CancellationToken.None)); // not a student
    }

    [Fact]
    public async Task Role_holders_are_the_people_with_that_role_at_that_location()
    {
        var directory = Directory();

        var coordinatorsAnker = await directory.GetRoleHoldersAsync("hetanker", StaffRole.AntiPestCoordinator, CancellationToken.None);
        var teamleidersAnker = await directory.GetRoleHoldersAsync("hetanker", StaffRole.Teamleider, CancellationToken.None);
        var teamleidersWilgen = await directory.GetRoleHoldersAsync("dewilgen", StaffRole.Teamleider, CancellationToken.None);

        Assert.Equal("Jeroen Bakker", Assert.Single(coordinatorsAnker).DisplayName);
        Assert.Empty(teamleidersAnker);
        Assert.Equal("Marco Jansen", Assert.Single(teamleidersWilgen).DisplayName);
    }

    private static IDirectory Directory() => FakeGraph.BuildServices(School).GetRequiredService<IDirectory>();
}
