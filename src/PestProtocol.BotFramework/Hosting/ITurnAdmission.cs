namespace PestProtocol.BotFramework.Hosting;

/// <summary>
/// Decides when an authenticated, well-formed request may run its turn (e.g. at most N turns at once). The adapter asks
/// only after it has read, checked and authenticated the request, so a forged, malformed or slowly sent request never
/// holds or waits for a place. Without a registered admission every turn runs at once.
/// </summary>
public interface ITurnAdmission
{
    /// <summary>
    /// Waits until the turn may run and returns its place, given back when disposed; null when
    /// <paramref name="clientGone"/> fired first: then the turn must not run.
    /// </summary>
    ValueTask<IDisposable?> AdmitAsync(CancellationToken clientGone);
}
