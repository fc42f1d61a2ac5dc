import FoundationEssentials
import Storage

extension AsOfOption {
    /// The day a document made now is dated: the office's local day of the `--as-of` instant when
    /// given, else today, both as the database's clock and time zone read them.
    func documentDay(in database: IkuDatabase) throws -> CalendarDate {
        try resolveWithDay(in: database).day
    }
}
