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
        // A scope is begun on every request (ASP.NET Core's request scope) and is mostly never read: it is checked, and
        // redacted if needed, when a provider first reads it (a log line inside it), not when it is begun. It is then read
        // with the identifiers of the turn it is read in, which includes the sender's once the turn has begun.
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            state is IEnumerable<KeyValuePair<string, object?>>
                ? inner.BeginScope(new LazyRedactedPairs<TState>(this, state))
                : inner.BeginScope(new LazyRedactedText<TState>(this, state));

        /// <summary>The state as a provider may see it: itself, or a redacted copy when its text holds an identifier.</summary>
        private object SafeScope<TState>(TState state) where TState : notnull
        {
            var text = Describe(state);
            return text is not null && identifiers.NeedsRedaction(text) ? Redacted(state, identifiers.Redact(state.ToString() ?? "")) : state;
        }

        /// <summary>A scope with structured values (enumerated by providers), checked on first read.</summary>
        private sealed class LazyRedactedPairs<TState>(RedactingLogger owner, TState state) : IReadOnlyList<KeyValuePair<string, object?>>
            where TState : notnull
        {
            private IReadOnlyList<KeyValuePair<string, object?>>? _safe;

            private IReadOnlyList<KeyValuePair<string, object?>> Safe => _safe ??= owner.SafeScope(state) switch
            {
                RedactedState redacted => redacted,
                _ => [.. (IEnumerable<KeyValuePair<string, object?>>)state],
            };

            public int Count => Safe.Count;

            public KeyValuePair<string, object?> this[int index] => Safe[index];

            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Safe.GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString() => Safe is RedactedState redacted ? redacted.Message : state.ToString() ?? "";
        }

        /// <summary>A scope that is only text, checked on first read.</summary>
        private sealed class LazyRedactedText<TState>(RedactingLogger owner, TState state)
            where TState : notnull
        {
            private string? _safe;

            public override string ToString() => _safe ??= owner.SafeScope(state) is RedactedState redacted ? redacted.Message : state.ToString() ?? "";
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
