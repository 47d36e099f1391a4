namespace PestProtocol.Bot.Persistence.Records;

/// <summary>
/// One thing done in a location's yearly prevention round (<c>prevention_records</c>): a coordinator item of the checklist,
/// or <c>klas:{name}</c> for the behaviour rules gone through with a class. One row per (school year, location, item);
/// recording it again moves the day. No student data.
/// </summary>
public sealed class PreventionRecord
{
    public Guid Id { get; set; }

    /// <summary>The first calendar year of the school year (2026 for 2026-2027).</summary>
    public int SchoolYear { get; set; }

    public string LocationId { get; set; } = string.Empty;

    /// <summary>A checklist item id, or <c>klas:{class name}</c>.</summary>
    public string Item { get; set; } = string.Empty;

    /// <summary>The day it was done.</summary>
    public DateOnly DoneOn { get; set; }

    /// <summary>The staff member who recorded it.</summary>
    public string ByStaffId { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }
}
