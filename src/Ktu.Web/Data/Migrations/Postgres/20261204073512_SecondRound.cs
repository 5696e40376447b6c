using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecondRound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GrantDecisions_ApplicationId",
                table: "GrantDecisions");

            migrationBuilder.DropIndex(
                name: "IX_AllocationRounds_EmbeteId_SchemeYear",
                table: "AllocationRounds");

            migrationBuilder.AddColumn<int>(
                name: "RoundNumber",
                table: "GrantDecisions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "AllocationRounds",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_ApplicationId_RoundNumber",
                table: "GrantDecisions",
                columns: new[] { "ApplicationId", "RoundNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_EmbeteId_SchemeYear_Number",
                table: "AllocationRounds",
                columns: new[] { "EmbeteId", "SchemeYear", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GrantDecisions_ApplicationId_RoundNumber",
                table: "GrantDecisions");

            migrationBuilder.DropIndex(
                name: "IX_AllocationRounds_EmbeteId_SchemeYear_Number",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "RoundNumber",
                table: "GrantDecisions");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "AllocationRounds");

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_ApplicationId",
                table: "GrantDecisions",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_EmbeteId_SchemeYear",
                table: "AllocationRounds",
                columns: new[] { "EmbeteId", "SchemeYear" },
                unique: true);
        }
    }
}
