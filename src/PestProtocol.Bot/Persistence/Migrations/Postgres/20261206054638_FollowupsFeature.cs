using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Postgres
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
                    key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_jobs", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "prevention_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_year = table.Column<int>(type: "integer", nullable: false),
                    location_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: false),
                    by_staff_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
