import Storage

extension Migration {
    /// The regency's PostgreSQL migrations, embedded from `migrations-regency/`.
    public static let regency: [Migration] = embeddedMigrations
}
