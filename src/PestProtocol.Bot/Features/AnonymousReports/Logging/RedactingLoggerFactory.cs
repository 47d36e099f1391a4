using System.Collections;

namespace PestProtocol.Bot.Features.AnonymousReports.Logging;

/// <summary>
/// Wraps the application's logger factory: every message, structured value, scope and exception text passes
/// <see cref="TurnIdentifiers.Redact"/> before any provider sees it.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner, TurnIdentifiers identifiers) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), identifiers);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, TurnIdentifiers identifiers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var text = Describe(state);
            return text is not null && identifiers.NeedsRedaction(text) ? inner.BeginScope(Redacted(state, identifiers.Redact(state.ToString() ?? ""))) : inner.BeginScope(state);
        }

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            var message = formatter(state, exception);
            var values = Describe(state) ?? "";
            var exceptionText = exception?.ToString() ?? "";
            if (!identifiers.NeedsRedaction(message) && !identifiers.NeedsRedaction(values) && !identifiers.NeedsRedaction(exceptionText))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redacted = Redacted(state, identifiers.Redact(message));
            var safeException = exception is null ? null : new RedactedException(identifiers.Redact(exception.GetType().FullName + ": " + exceptionText));
            inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.Message);
        }

        private RedactedState Redacted<TState>(TState state, string message)
        {
            var pairs = state is IEnumerable<KeyValuePair<string, object?>> list
                ? [.. list.Select(p => new KeyValuePair<string, object?>(p.Key, Redact(p.Value)))]
                : new List<KeyValuePair<string, object?>>();
            return new RedactedState(message, pairs);
        }

        private object? Redact(object? value) => value switch
        {
            null => null,
            string s => identifiers.Redact(s),
            IFormattable or bool => identifiers.NeedsRedaction(value.ToString() ?? "") ? identifiers.Redact(value.ToString()!) : value,
            _ => identifiers.Redact(value.ToString() ?? ""),
        };

        private static string? Describe<TState>(TState state) => state switch
        {
            null => null,
            IEnumerable<KeyValuePair<string, object?>> list => string.Join('\n', list.Select(p => p.Key + "=" + p.Value)) + "\n" + state,
            IEnumerable e and not string => string.Join('\n', e.Cast<object?>()),
            _ => state.ToString(),
        };
    }

    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    private sealed class RedactedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }
}
