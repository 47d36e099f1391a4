using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThermometerFeature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "thermometer_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    survey_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    gender = table.Column<int>(type: "INTEGER", nullable: false),
                    afdeling = table.Column<int>(type: "INTEGER", nullable: false),
                    scores_json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thermometer_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "thermometer_respondents",
                columns: table => new
                {
                    survey_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thermometer_respondents", x => new { x.survey_id, x.token });
                });

            migrationBuilder.CreateTable(
                name: "thermometer_surveys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    class_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    class_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    location_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    started_by_staff_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    invited_count = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    respondent_key = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    last_released_count = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thermometer_surveys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_thermometer_answers_survey_id",
                table: "thermometer_answers",
                column: "survey_id");

            migrationBuilder.CreateIndex(
                name: "ix_thermometer_surveys_class_id_state",
                table: "thermometer_surveys",
                columns: new[] { "class_id", "state" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "thermometer_answers");

            migrationBuilder.DropTable(
                name: "thermometer_respondents");

            migrationBuilder.DropTable(
                name: "thermometer_surveys");
        }
    }
}
