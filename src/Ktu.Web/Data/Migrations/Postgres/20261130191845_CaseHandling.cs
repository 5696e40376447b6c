using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ktu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseHandling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllocationSettingsJson",
                table: "SchemeYears",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AllocationRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: true),
                    AdjustmentsJson = table.Column<string>(type: "text", nullable: false),
                    ScenariosJson = table.Column<string>(type: "text", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedTotal = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentBackByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SentBackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentBackReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllocationRounds_Embeter_EmbeteId",
                        column: x => x.EmbeteId,
                        principalTable: "Embeter",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllocationRounds_SchemeYears_SchemeYear",
                        column: x => x.SchemeYear,
                        principalTable: "SchemeYears",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseFiles",
                columns: table => new
                {
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssignedOfficerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AssignedOfficerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssessmentsJson = table.Column<string>(type: "text", nullable: false),
                    InternalNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFiles", x => x.ApplicationId);
                    table.ForeignKey(
                        name: "FK_CaseFiles_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImpartialityDeclarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Conflict = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpartialityDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImpartialityDeclarations_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InformationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AskedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AskedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationRequests_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrantDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AllocationRoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    EmbeteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemeYear = table.Column<int>(type: "integer", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApplicantName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApplicantOrgNumber = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PaymentRemark = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AmountApplied = table.Column<long>(type: "bigint", nullable: false),
                    AmountGranted = table.Column<long>(type: "bigint", nullable: false),
                    LinesJson = table.Column<string>(type: "text", nullable: false),
                    ExtraConditions = table.Column<string>(type: "text", nullable: true),
                    OfficerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OfficerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ApproverUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ApproverName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GrantDecisions_AllocationRounds_AllocationRoundId",
                        column: x => x.AllocationRoundId,
                        principalTable: "AllocationRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrantDecisions_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrantDecisions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_EmbeteId_SchemeYear",
                table: "AllocationRounds",
                columns: new[] { "EmbeteId", "SchemeYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_SchemeYear",
                table: "AllocationRounds",
                column: "SchemeYear");

            migrationBuilder.CreateIndex(
                name: "IX_CaseFiles_SchemeYear_EmbeteId",
                table: "CaseFiles",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_AllocationRoundId",
                table: "GrantDecisions",
                column: "AllocationRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_ApplicationId",
                table: "GrantDecisions",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_OrganisationId",
                table: "GrantDecisions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantDecisions_SchemeYear_EmbeteId",
                table: "GrantDecisions",
                columns: new[] { "SchemeYear", "EmbeteId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImpartialityDeclarations_ApplicationId_UserId",
                table: "ImpartialityDeclarations",
                columns: new[] { "ApplicationId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationRequests_ApplicationId",
                table: "InformationRequests",
                column: "ApplicationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseFiles");

            migrationBuilder.DropTable(
                name: "GrantDecisions");

            migrationBuilder.DropTable(
                name: "ImpartialityDeclarations");

            migrationBuilder.DropTable(
                name: "InformationRequests");

            migrationBuilder.DropTable(
                name: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "AllocationSettingsJson",
                table: "SchemeYears");
        }
    }
}
