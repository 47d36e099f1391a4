using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PestProtocol.Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HandoverFeature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "owner_role",
                table: "cases",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "owner_staff_id",
                table: "cases",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Cases from before owners: whoever signalled holds the case (as Case.Rehydrate reads a snapshot without owner).
            migrationBuilder.Sql("UPDATE cases SET owner_staff_id = signalled_by_staff_id, owner_role = signalled_by_role;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "owner_role",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "owner_staff_id",
                table: "cases");
        }
    }
}
