using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gender = table.Column<int>(type: "integer", nullable: false),
                    afdeling = table.Column<int>(type: "integer", nullable: false),
                    scores_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thermometer_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "thermometer_respondents",
                columns: table => new
                {
                    survey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thermometer_respondents", x => new { x.survey_id, x.token });
                });

            migrationBuilder.CreateTable(
                name: "thermometer_surveys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    class_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    class_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_by_staff_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "date", nullable: false),
                    invited_count = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    respondent_key = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    last_released_count = table.Column<int>(type: "integer", nullable: true)
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
