namespace PestProtocol.Bot.Tests.Manifest;

/// <summary>The two icons Teams shows: sizes, the outline's white-on-transparent rule, and their generator.</summary>
public sealed class AppIconTests
{
    private static PngImage Icon(string name) => PngImage.Read(File.ReadAllBytes(Path.Combine(AppPackageFolder.Folder, name)));

    [Fact]
    public void Colour_icon_is_192_by_192()
    {
        var icon = Icon("color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
    }

    [Fact]
    public void Outline_icon_is_32_by_32()
    {
        var icon = Icon("outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public void Outline_icon_is_only_white_on_transparent()
    {
        var icon = Icon("outline.png");
        Assert.NotNull(icon.Rgba);

        var visible = 0;
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var (r, g, b, a) = icon.Pixel(x, y);
                if (a == 0)
                {
                    continue;
                }
                visible++;
                Assert.True(r == 255 && g == 255 && b == 255, $"pixel ({x},{y}) is visible but not white");
            }
        }

        Assert.InRange(visible, 100, (32 * 32) - 100);
        Assert.Equal(0, icon.Pixel(0, 0).A);
        Assert.Equal(0, icon.Pixel(31, 31).A);
    }

    [Fact]
    public void Colour_icon_is_an_opaque_full_colour_tile()
    {
        var icon = Icon("color.png");
        Assert.NotNull(icon.Rgba);

        var colours = new HashSet<(byte, byte, byte)>();
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var (r, g, b, a) = icon.Pixel(x, y);
                Assert.Equal(255, a);
                colours.Add((r, g, b));
            }
        }

        Assert.True(colours.Count > 3, "the colour icon has hardly any colours");
        Assert.Contains(((byte)255, (byte)255, (byte)255), colours);
    }

    [Fact]
    public async Task Committed_icons_are_exactly_what_the_generator_draws()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = Directory.CreateTempSubdirectory("pestprotocol-icons-");
        try
        {
            var run = await ScriptRun.RunAsync(
                "python3",
                [Path.Combine(AppPackageFolder.Folder, "icons", "draw-icons.py"), output.FullName],
                new Dictionary<string, string?>(),
                AppPackageFolder.RepositoryRoot,
                cancellation.Token);

            Assert.True(run.ExitCode == 0, run.Output);
            foreach (var name in new[] { "color.png", "outline.png" })
            {
                Assert.Equal(
                    await File.ReadAllBytesAsync(Path.Combine(AppPackageFolder.Folder, name)),
                    await File.ReadAllBytesAsync(Path.Combine(output.FullName, name)));
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
