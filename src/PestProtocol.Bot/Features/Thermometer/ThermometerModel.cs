using Microsoft.EntityFrameworkCore;
using PestProtocol.Bot.Persistence.Records;

namespace PestProtocol.Bot.Features.Thermometer;

/// <summary>The thermometer tables in <see cref="Persistence.PestProtocolDbContext"/> (one call from its OnModelCreating).</summary>
public static class ThermometerModel
{
    /// <summary>Adds <c>thermometer_surveys</c>, <c>thermometer_respondents</c> and <c>thermometer_answers</c>.</summary>
    public static void ApplyThermometer(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ThermometerSurveyRecord>(e =>
        {
            e.ToTable("thermometer_surveys");
            e.HasKey(s => s.Id);
            e.Property(s => s.ClassId).HasMaxLength(200);
            e.Property(s => s.ClassName).HasMaxLength(100);
            e.Property(s => s.LocationId).HasMaxLength(200);
            e.Property(s => s.StartedByStaffId).HasMaxLength(200);
            e.Property(s => s.State).HasMaxLength(10);
            e.Property(s => s.RespondentKey).HasMaxLength(Domain.Thermometer.RespondentKey.KeyLength);
            e.HasIndex(s => new { s.ClassId, s.State });
        });

        modelBuilder.Entity<ThermometerRespondentRecord>(e =>
        {
            e.ToTable("thermometer_respondents");
            e.HasKey(r => new { r.SurveyId, r.Token });
            e.Property(r => r.Token).HasMaxLength(64);
        });

        modelBuilder.Entity<ThermometerAnswerRecord>(e =>
        {
            e.ToTable("thermometer_answers");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.SurveyId);
        });
    }
}
