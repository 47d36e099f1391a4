namespace PestProtocol.BotFramework.Connector;

/// <summary>Whether the connector client takes part in distributed tracing.</summary>
public sealed class ConnectorTracingOptions
{
    /// <summary>
    /// True (default): every connector request carries the turn's W3C trace context (<c>traceparent</c>) and is seen by
    /// HttpClient tracing (an OpenTelemetry span). False: no trace headers and no HttpClient span for connector requests;
    /// meant for a bot whose traces nobody collects (no OTLP collector configured), where that work per request (about
    /// 3 % of a help turn's CPU: an Activity per request, its id, the headers) would be read by no one.
    /// </summary>
    public bool PropagateTraceContext { get; set; } = true;
}
