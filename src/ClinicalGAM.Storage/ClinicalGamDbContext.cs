using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicalGAM.Storage;

/// <summary>
/// The ClinicalGAM database: cohorts (column blobs), models, fit runs, Goodhart flag history, external validations,
/// the audit log, and (team mode) accounts, projects and their members. Project-owned rows are filtered to the
/// <see cref="ProjectScope"/> current when the context is created, and new ones are stamped with it.
/// </summary>
public sealed class ClinicalGamDbContext(DbContextOptions<ClinicalGamDbContext> options) : IdentityDbContext<ClinicalGamUser>(options)
{
    // Captured once: a context lives for one unit of work on behalf of one user.
    private readonly ProjectScope? _scope = ProjectScope.Current;

    // Read by the query filters (EF parameterises context members per instance). Null: no filter (CLI, start-up).
    private int? ScopedProjectId => _scope?.ProjectId;
    private bool SeesAllAudit => _scope is null || _scope.SiteAdmin;

    public DbSet<ProjectRecord> Projects => Set<ProjectRecord>();
    public DbSet<ProjectMemberRecord> ProjectMembers => Set<ProjectMemberRecord>();
    public DbSet<CohortRecord> Cohorts => Set<CohortRecord>();
    public DbSet<CohortColumnRecord> CohortColumns => Set<CohortColumnRecord>();
    public DbSet<CohortColumnChunkRecord> CohortColumnChunks => Set<CohortColumnChunkRecord>();
    public DbSet<DerivedFeatureRecord> DerivedFeatures => Set<DerivedFeatureRecord>();
    public DbSet<ModelSpecRecord> ModelSpecs => Set<ModelSpecRecord>();
    public DbSet<ModelRecord> Models => Set<ModelRecord>();
    public DbSet<FitRunRecord> FitRuns => Set<FitRunRecord>();
    public DbSet<FlagRunRecord> FlagRuns => Set<FlagRunRecord>();
    public DbSet<GoodhartFlagRecord> GoodhartFlags => Set<GoodhartFlagRecord>();
    public DbSet<ExternalValidationRecord> ExternalValidations => Set<ExternalValidationRecord>();
    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();
    public DbSet<AnalysisResultRecord> AnalysisResults => Set<AnalysisResultRecord>();
    public DbSet<CheckRunRecord> CheckRuns => Set<CheckRunRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite keeps no time zone: everything is written as UTC and read back marked as UTC.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        // Enums as text, so the database stays readable with any SQLite browser.
        builder.Properties<Core.Data.ColumnKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ColumnStorage>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ExpectedRiskDirection>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<FitRunStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<CheckRunStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b); // Identity's tables (AspNetUsers, ...)
        b.Entity<ClinicalGamUser>(e => e.Property(u => u.CurrentProjectId));

        b.Entity<ProjectRecord>(e =>
        {
            e.ToTable("Projects");
            e.Property(p => p.Name).HasMaxLength(200);
            e.HasMany(p => p.Members).WithOne(m => m.Project).HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProjectMemberRecord>(e =>
        {
            e.ToTable("ProjectMembers");
            e.HasKey(m => new { m.ProjectId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        // Project-owned rows: only the current project's (children through their cohort).
        OwnedByProject<CohortRecord>(b);
        OwnedByProject<ModelSpecRecord>(b);
        OwnedByProject<ModelRecord>(b);
        OwnedByProject<FitRunRecord>(b);
        OwnedByProject<FlagRunRecord>(b);
        OwnedByProject<GoodhartFlagRecord>(b);
        OwnedByProject<ExternalValidationRecord>(b);
        OwnedByProject<AnalysisResultRecord>(b);
        OwnedByProject<CheckRunRecord>(b);
        b.Entity<CohortColumnRecord>().HasQueryFilter(c => ScopedProjectId == null || c.Cohort!.ProjectId == ScopedProjectId);
        b.Entity<CohortColumnChunkRecord>().HasQueryFilter(k => ScopedProjectId == null || k.Column!.Cohort!.ProjectId == ScopedProjectId);
        b.Entity<DerivedFeatureRecord>().HasQueryFilter(d => ScopedProjectId == null || d.Cohort!.ProjectId == ScopedProjectId);
        // Site administrators read every project's trail and the site-wide events; others their project's.
        b.Entity<AuditRecord>().HasQueryFilter(a => SeesAllAudit || a.ProjectId == ScopedProjectId);
        b.Entity<AuditRecord>().HasIndex(a => a.ProjectId);

        b.Entity<AnalysisResultRecord>(e =>
        {
            e.ToTable("AnalysisResults");
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.Who).HasMaxLength(200);
            e.HasIndex(a => new { a.ModelId, a.Kind, a.CreatedUtc });
            e.HasOne(a => a.Model).WithMany().HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CheckRunRecord>(e =>
        {
            e.ToTable("CheckRuns");
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.StartedBy).HasMaxLength(200);
            e.Property(r => r.Message).HasMaxLength(2000);
            e.HasIndex(r => new { r.ModelId, r.Kind });
            e.HasIndex(r => r.Status);
            e.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AuditRecord>(e =>
        {
            e.ToTable("AuditLog");
            e.Property(a => a.Who).HasMaxLength(200);
            e.Property(a => a.From).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Subject).HasMaxLength(300);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.HasIndex(a => a.CohortId);
            e.HasIndex(a => a.ModelId);
        });

        b.Entity<CohortRecord>(e =>
        {
            e.ToTable("Cohorts");
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.SourceFileName).HasMaxLength(260);
            e.HasMany(c => c.Columns).WithOne(c => c.Cohort).HasForeignKey(c => c.CohortId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.DerivedFeatures).WithOne(d => d.Cohort).HasForeignKey(d => d.CohortId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CohortColumnRecord>(e =>
        {
            e.ToTable("CohortColumns");
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Label).HasMaxLength(200);
            e.Property(c => c.Unit).HasMaxLength(50);
            e.HasIndex(c => new { c.CohortId, c.Ordinal }).IsUnique();
            e.HasIndex(c => new { c.CohortId, c.Name }).IsUnique();
            e.HasMany(c => c.Chunks).WithOne(k => k.Column).HasForeignKey(k => k.ColumnId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CohortColumnChunkRecord>(e =>
        {
            e.ToTable("CohortColumnChunks");
            e.HasIndex(k => new { k.ColumnId, k.Index }).IsUnique();
        });

        b.Entity<DerivedFeatureRecord>(e =>
        {
            e.ToTable("DerivedFeatures");
            e.Property(d => d.Name).HasMaxLength(200);
            e.HasIndex(d => new { d.CohortId, d.Name }).IsUnique();
        });

        b.Entity<ModelSpecRecord>(e =>
        {
            e.ToTable("ModelSpecs");
            e.Property(s => s.Name).HasMaxLength(200);
            e.HasOne(s => s.Cohort).WithMany().HasForeignKey(s => s.CohortId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<ModelRecord>(e =>
        {
            e.ToTable("Models");
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Engine).HasMaxLength(50);
            e.Property(m => m.Outcome).HasMaxLength(200);
            e.HasIndex(m => new { m.CohortId, m.Name, m.Version }).IsUnique();
            e.HasOne(m => m.Cohort).WithMany().HasForeignKey(m => m.CohortId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<FitRunRecord>(e =>
        {
            e.ToTable("FitRuns");
            e.Ignore(r => r.IsFinished);
            e.Ignore(r => r.IsResumable);
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.StartedBy).HasMaxLength(200);
            e.Property(r => r.StartedByUserId).HasMaxLength(450);
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.CohortId);
            e.HasOne(r => r.Cohort).WithMany().HasForeignKey(r => r.CohortId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<FlagRunRecord>(e =>
        {
            e.ToTable("FlagRuns");
            e.HasIndex(r => new { r.ModelId, r.RunUtc });
            e.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Flags).WithOne(f => f.FlagRun).HasForeignKey(f => f.FlagRunId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<GoodhartFlagRecord>(e =>
        {
            e.ToTable("GoodhartFlags");
            e.Property(f => f.Feature).HasMaxLength(200);
            e.Property(f => f.Kind).HasMaxLength(50);
            e.HasIndex(f => new { f.ModelId, f.Feature });
            e.HasOne<ModelRecord>().WithMany().HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ExternalValidationRecord>(e =>
        {
            e.ToTable("ExternalValidations");
            e.Property(v => v.CohortName).HasMaxLength(200);
            e.HasIndex(v => new { v.ModelId, v.RunUtc });
            e.HasOne(v => v.Model).WithMany().HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Cascade);
            // The result outlives the cohort it was measured on (its name is kept).
            e.HasOne(v => v.Cohort).WithMany().HasForeignKey(v => v.CohortId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    private void OwnedByProject<T>(ModelBuilder b) where T : class, IProjectOwned
    {
        b.Entity<T>().HasIndex(r => r.ProjectId);
        b.Entity<T>().HasQueryFilter(r => ScopedProjectId == null || r.ProjectId == ScopedProjectId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampProject();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        StampProject();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    // New rows belong to the acting project; outside a scope, to the default project.
    private void StampProject()
    {
        foreach (var entry in ChangeTracker.Entries<IProjectOwned>())
        {
            if (entry.State != EntityState.Added || entry.Entity.ProjectId != 0) continue;
            entry.Entity.ProjectId = _scope switch
            {
                null => ProjectRecord.DefaultId,
                { ProjectId: > 0 } s => s.ProjectId,
                _ => throw new UnauthorizedAccessException("Choose a project first: nothing can be saved outside a project."),
            };
        }
        foreach (var entry in ChangeTracker.Entries<AuditRecord>())
            if (entry.State == EntityState.Added && entry.Entity.ProjectId is null && !entry.Entity.SiteWide)
                entry.Entity.ProjectId = _scope is null ? ProjectRecord.DefaultId : _scope.ProjectId > 0 ? _scope.ProjectId : null;
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
