using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowupsFeature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "follow_up_jobs",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_jobs", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "prevention_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    school_year = table.Column<int>(type: "INTEGER", nullable: false),
                    location_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    done_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    by_staff_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prevention_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_jobs_case_id",
                table: "follow_up_jobs",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ux_prevention_records_school_year_location_id_item",
                table: "prevention_records",
                columns: new[] { "school_year", "location_id", "item" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_up_jobs");

            migrationBuilder.DropTable(
                name: "prevention_records");
        }
    }
}
