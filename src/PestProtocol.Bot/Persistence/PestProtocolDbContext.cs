using System.Text;
using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Outbox;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// The bot's database: cases, their append-only dossiers, who has a role in which case, the notification outbox,
/// conversation references for proactive messages and posted alert cards. Table and column names are snake_case and
/// the same on every provider; each provider has its own subclass (<see cref="SqlitePestProtocolDbContext"/>,
/// <see cref="PostgresPestProtocolDbContext"/>) carrying its migrations and its way of storing times.
/// </summary>
public abstract class PestProtocolDbContext : DbContext
{
    /// <summary>For the provider subclasses.</summary>
    protected PestProtocolDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Cases (without their dossier).</summary>
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    /// <summary>Dossier entries, one row per entry, never updated.</summary>
    public DbSet<DossierEntryRecord> DossierEntries => Set<DossierEntryRecord>();

    /// <summary>Who has a role in which case.</summary>
    public DbSet<CaseMemberRecord> CaseMembers => Set<CaseMemberRecord>();

    /// <summary>Notifications waiting to be (or already) sent.</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The latest conversation reference per user.</summary>
    public DbSet<ConversationReferenceRecord> ConversationReferences => Set<ConversationReferenceRecord>();

    /// <summary>Alert cards posted, per subject and recipient.</summary>
    public DbSet<AlertCardRecord> AlertCards => Set<AlertCardRecord>();

    /// <summary>Every attempt to deliver a notification, with channel and outcome.</summary>
    public DbSet<NotificationDeliveryRecord> NotificationDeliveries => Set<NotificationDeliveryRecord>();

    /// <summary>The coordinators' Teams channel linked per location.</summary>
    public DbSet<CoordinatorsChannelRecord> CoordinatorsChannels => Set<CoordinatorsChannelRecord>();

    /// <summary>The connector address last seen per team.</summary>
    public DbSet<TeamAddressRecord> TeamAddresses => Set<TeamAddressRecord>();

    /// <summary>Who viewed, exported or printed which dossier, when (insert-only; records branch).</summary>
    public DbSet<DossierAccessRecord> DossierAccessLog => Set<DossierAccessRecord>();

    /// <summary>Periodic jobs claimed by one instance per period (the retention purge; records branch).</summary>
    public DbSet<JobLeaseRecord> JobLeases => Set<JobLeaseRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<CaseRecord>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.SignalledByRole).HasConversion<string>();
            e.Property(c => c.OwnerRole).HasConversion<string>(); // handover branch
            e.Property(c => c.Trigger).HasConversion<string>();
            e.Property(c => c.CurrentStep).HasConversion<string>();
            e.Property(c => c.Step3Route).HasConversion<string>();
            e.Property(c => c.Step4Route).HasConversion<string>();
            e.Property(c => c.StepBeforeClose).HasConversion<string>();
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => new { c.LocationId, c.CaseYear, c.CaseNumber }).IsUnique();
            e.HasIndex(c => new { c.LocationId, c.CurrentStep });
        });

        modelBuilder.Entity<DossierEntryRecord>(e =>
        {
            e.ToTable("dossier_entries");
            e.HasKey(d => d.Id);
            e.Property(d => d.Step).HasConversion<string>();
            e.Property(d => d.Kind).HasConversion<string>();
            e.Property(d => d.ActorRole).HasConversion<string>();
            e.Property(d => d.ParentsContactMethod).HasConversion<string>();
            e.Property(d => d.Route).HasConversion<string>();
            e.HasIndex(d => new { d.CaseId, d.Sequence }).IsUnique();
            e.HasOne<CaseRecord>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CaseMemberRecord>(e =>
        {
            e.ToTable("case_members");
            e.HasKey(m => new { m.CaseId, m.StaffId, m.Role });
            e.Property(m => m.Role).HasConversion<string>();
            e.HasIndex(m => m.StaffId);
            e.HasOne<CaseRecord>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(o => o.Id);
            e.Property(o => o.Status).HasConversion<string>();
            e.HasIndex(o => o.DedupKey).IsUnique();
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });
        });

        modelBuilder.Entity<ConversationReferenceRecord>(e =>
        {
            e.ToTable("conversation_references");
            e.HasKey(r => r.UserAadObjectId);
        });

        modelBuilder.Entity<AlertCardRecord>(e =>
        {
            e.ToTable("alert_cards");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.SubjectId, a.RecipientId }).IsUnique();
        });

        modelBuilder.Entity<NotificationDeliveryRecord>(e =>
        {
            e.ToTable("notification_deliveries");
            e.HasKey(d => d.Id);
            e.HasIndex(d => d.OutboxMessageId);
            e.HasIndex(d => d.SubjectId);
        });

        modelBuilder.Entity<CoordinatorsChannelRecord>(e =>
        {
            e.ToTable("coordinators_channels");
            e.HasKey(c => c.LocationId);
        });

        modelBuilder.Entity<TeamAddressRecord>(e =>
        {
            e.ToTable("team_addresses");
            e.HasKey(t => t.TeamId);
        });

        Features.Records.RecordsModel.ApplyDossierAccessLog(modelBuilder);
        Features.AnonymousReports.AnonymousReportModel.ApplyAnonymousReports(modelBuilder);
        Features.FollowUps.FollowUpModel.ApplyFollowUps(modelBuilder); // followups branch
        ApplySnakeCaseNames(modelBuilder);
    }

    /// <summary>Column, key, foreign-key and index names in snake_case, so both providers get the same schema.</summary>
    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            var table = entity.GetTableName()!;
            entity.FindPrimaryKey()?.SetName("pk_" + table);
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName($"fk_{table}_{foreignKey.PrincipalEntityType.GetTableName()}");
            }

            foreach (var index in entity.GetIndexes())
            {
                var columns = string.Join('_', index.Properties.Select(p => SnakeCase(p.Name)));
                index.SetDatabaseName($"{(index.IsUnique ? "ux" : "ix")}_{table}_{columns}");
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
