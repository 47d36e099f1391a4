using System.Globalization;

namespace PestProtocol.Bot.Tests.Hosting.TwoInstances;

/// <summary>
/// Which local process holds the client end of a loopback TCP connection (Linux: the socket's inode from
/// <c>/proc/net/tcp[6]</c>, then the process whose <c>/proc/{pid}/fd</c> links to it). Used only to label what a failing
/// test shows; null where that cannot be read (another operating system, a connection already closed).
/// </summary>
internal static class ClientProcess
{
    public static string? Of(int clientPort, int serverPort, IReadOnlyList<(int ProcessId, string Name)> processes)
    {
        var inode = SocketInode(clientPort, serverPort);
        if (inode is null)
        {
            return null;
        }

        var link = $"socket:[{inode}]";
        foreach (var (processId, name) in processes)
        {
            var folder = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/fd";
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var fd in Directory.EnumerateFileSystemEntries(folder))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget == link)
                    {
                        return name;
                    }
                }
                catch (IOException)
                {
                    // The descriptor closed while we looked.
                }
            }
        }

        return null;
    }

    private static string? SocketInode(int localPort, int remotePort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && Port(columns[1]) == localPort && Port(columns[2]) == remotePort)
                {
                    return columns[9];
                }
            }
        }

        return null;
    }

    private static int Port(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
