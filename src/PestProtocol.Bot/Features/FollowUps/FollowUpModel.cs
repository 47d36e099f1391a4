using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.FollowUps;

/// <summary>The follow-up and prevention tables in <see cref="Persistence.PestProtocolDbContext"/> (one call from its OnModelCreating).</summary>
public static class FollowUpModel
{
    /// <summary>Adds <c>follow_up_jobs</c> and <c>prevention_records</c>.</summary>
    public static void ApplyFollowUps(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<FollowUpJobRecord>(e =>
        {
            e.ToTable("follow_up_jobs");
            e.HasKey(j => j.Key);
            e.Property(j => j.Key).HasMaxLength(120);
            e.Property(j => j.Kind).HasMaxLength(20);
            e.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.LeaseOwner).HasMaxLength(200);
            e.HasIndex(j => j.CaseId);
        });

        modelBuilder.Entity<PreventionRecord>(e =>
        {
            e.ToTable("prevention_records");
            e.HasKey(r => r.Id);
            e.Property(r => r.LocationId).HasMaxLength(200);
            e.Property(r => r.Item).HasMaxLength(200);
            e.Property(r => r.ByStaffId).HasMaxLength(200);
            e.HasIndex(r => new { r.SchoolYear, r.LocationId, r.Item }).IsUnique();
        });
    }
}
