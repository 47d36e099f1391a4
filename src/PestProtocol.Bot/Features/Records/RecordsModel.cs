using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.Records;

/// <summary>The records feature's part of the database model.</summary>
public static class RecordsModel
{
    /// <summary><c>dossier_access_log</c>: no foreign key to <c>cases</c>, so the log outlives an erased case (it holds no name).</summary>
    public static void ApplyDossierAccessLog(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DossierAccessRecord>(e =>
        {
            e.ToTable("dossier_access_log");
            e.HasKey(r => r.Id);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.StaffId).HasMaxLength(64);
            e.Property(r => r.LocationId).HasMaxLength(64);
            e.Property(r => r.SubjectRef).HasMaxLength(64);
            e.Property(r => r.Reason).HasMaxLength(DataSubject.DataSubjectRequests.ReasonMaxLength);
            e.HasIndex(r => new { r.CaseId, r.At });
            e.HasIndex(r => r.At);
        });

        modelBuilder.Entity<JobLeaseRecord>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(r => r.Name);
            e.Property(r => r.Name).HasMaxLength(64);
            e.Property(r => r.Owner).HasMaxLength(64);
        });
    }
}
