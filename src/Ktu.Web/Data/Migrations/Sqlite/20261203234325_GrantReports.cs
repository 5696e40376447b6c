using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReportOpensOn",
                table: "Pots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GrantReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmissionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecommendedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecommendedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecommendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantReports_GrantDecisions_GrantDecisionId",
                        column: x => x.GrantDecisionId,
                        principalTable: "GrantDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrantReportSubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedByEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantReportSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantReportSubmissions_GrantReports_GrantReportId",
                        column: x => x.GrantReportId,
                        principalTable: "GrantReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantDecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmbeteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportAttachments_GrantReports_GrantReportId",
                        column: x => x.GrantReportId,
                        principalTable: "GrantReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantReports_GrantDecisionId",
                table: "GrantReports",
                column: "GrantDecisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrantReports_OrganisationId",
                table: "GrantReports",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantReports_SchemeYear_EmbeteId",
                table: "GrantReports",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantReportSubmissions_GrantReportId_Number",
                table: "GrantReportSubmissions",
                columns: new[] { "GrantReportId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrantReportSubmissions_GrantReportId_ReportVersion",
                table: "GrantReportSubmissions",
                columns: new[] { "GrantReportId", "ReportVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrantReportSubmissions_SchemeYear_EmbeteId",
                table: "GrantReportSubmissions",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportAttachments_GrantReportId",
                table: "ReportAttachments",
                column: "GrantReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantReportSubmissions");

            migrationBuilder.DropTable(
                name: "ReportAttachments");

            migrationBuilder.DropTable(
                name: "GrantReports");

            migrationBuilder.DropColumn(
                name: "ReportOpensOn",
                table: "Pots");
        }
    }
}
