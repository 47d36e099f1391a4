using Microsoft.EntityFrameworkCore;

namespace PestProtocol.Bot.Features.AnonymousReports;

/// <summary>The tables of the anonymous-report module; applied from <c>PestProtocolDbContext.OnModelCreating</c>.</summary>
public static class AnonymousReportModel
{
    /// <summary>Adds the module's entities to the model (before the context applies its snake_case names).</summary>
    public static ModelBuilder ApplyAnonymousReports(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AnonymousReportRecord>(e =>
        {
            e.ToTable("anonymous_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.Code).HasMaxLength(16);
            e.HasIndex(r => r.Code).IsUnique();
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.LocationId, r.Status });
        });

        modelBuilder.Entity<AnonymousReportMessageRecord>(e =>
        {
            e.ToTable("anonymous_report_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => new { m.ReportId, m.Sequence }).IsUnique();
            e.HasOne<AnonymousReportRecord>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AnonymousUnlockThrottleRecord>(e =>
        {
            e.ToTable("anonymous_unlock_throttles");
            e.HasKey(t => t.Code);
            e.Property(t => t.Code).HasMaxLength(16);
        });

        // The reply notice's marks (ReplyNotice branch): the location and the hour only.
        modelBuilder.Entity<ReplyNoticeMarkRecord>(e =>
        {
            e.ToTable("anonymous_reply_notice_marks");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.LocationId, m.MarkedAt });
        });

        return modelBuilder;
    }
}
