using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClinicalGAM.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddAccountsAndProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "Models",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "ModelSpecs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "GoodhartFlags",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "FlagRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "FitRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "ExternalValidations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "Cohorts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            // The audit log is append-only (triggers refuse UPDATE): lift them just long enough to file the existing
            // entries under the default project, then put them back.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoUpdate;");
            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "AuditLog",
                type: "INTEGER",
                nullable: true);
            migrationBuilder.Sql("UPDATE AuditLog SET ProjectId = 1;");
            migrationBuilder.Sql("CREATE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "AnalysisResults",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // every row saved before projects existed belongs to the default project (1)

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    IsSiteAdmin = table.Column<bool>(type: "INTEGER", nullable: false),
                    CurrentProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                });

            // The default project: single-user mode works in it, and it owns everything saved before this migration.
            migrationBuilder.Sql("INSERT INTO Projects (Id, Name, CreatedUtc) VALUES (1, 'Default project', strftime('%Y-%m-%d %H:%M:%f', 'now'));");

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMembers",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AddedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMembers", x => new { x.ProjectId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ProjectMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectMembers_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Models_ProjectId",
                table: "Models",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelSpecs_ProjectId",
                table: "ModelSpecs",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_GoodhartFlags_ProjectId",
                table: "GoodhartFlags",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_FlagRuns_ProjectId",
                table: "FlagRuns",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_FitRuns_ProjectId",
                table: "FitRuns",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalValidations_ProjectId",
                table: "ExternalValidations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Cohorts_ProjectId",
                table: "Cohorts",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_ProjectId",
                table: "AuditLog",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisResults_ProjectId",
                table: "AnalysisResults",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMembers_UserId",
                table: "ProjectMembers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "ProjectMembers");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Models_ProjectId",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_ModelSpecs_ProjectId",
                table: "ModelSpecs");

            migrationBuilder.DropIndex(
                name: "IX_GoodhartFlags_ProjectId",
                table: "GoodhartFlags");

            migrationBuilder.DropIndex(
                name: "IX_FlagRuns_ProjectId",
                table: "FlagRuns");

            migrationBuilder.DropIndex(
                name: "IX_FitRuns_ProjectId",
                table: "FitRuns");

            migrationBuilder.DropIndex(
                name: "IX_ExternalValidations_ProjectId",
                table: "ExternalValidations");

            migrationBuilder.DropIndex(
                name: "IX_Cohorts_ProjectId",
                table: "Cohorts");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_ProjectId",
                table: "AuditLog");

            migrationBuilder.DropIndex(
                name: "IX_AnalysisResults_ProjectId",
                table: "AnalysisResults");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "ModelSpecs");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "GoodhartFlags");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "FlagRuns");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "FitRuns");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "ExternalValidations");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "Cohorts");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "AnalysisResults");
        }
    }
}
