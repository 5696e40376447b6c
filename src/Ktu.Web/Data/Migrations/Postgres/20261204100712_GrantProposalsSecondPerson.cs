using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GrantProposalsSecondPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GrantProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProposedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ProposedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantProposals_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantProposals_GrantDecisionId_Kind",
                table: "GrantProposals",
                columns: new[] { "GrantDecisionId", "Kind" },
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_GrantProposals_SchemeYear_EmbeteId",
                table: "GrantProposals",
                columns: new[] { "SchemeYear", "EmbeteId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantProposals");
        }
    }
}
