import ArgumentParser

struct Boxoffice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxoffice",
        abstract: "Sell seats for tonight's show from the keyboard, with other clerks at the same moment.",
        discussion: """
        With no command, opens the seat picker on the performance chooser.

        CONFIGURATION
        /etc/boxoffice/boxoffice.conf, then ~/.config/boxoffice/boxoffice.conf (KEY=value lines), then the \
        environment, each overriding the one before. BOXOFFICE_CONFIG=<file> reads that file instead; \
        BOXOFFICE_CONFIG=none reads no file. `boxoffice config` shows every setting in force and where it came from.

        ENVIRONMENT
          BOXOFFICE_DB         the SQLite database (default ./var/boxoffice.sqlite,
                               the one `make run` creates)
          REDIS_URL            redis://[:password@]host:port/db or
                               unix:///path/to/socket (default unix://./var/redis.sock)
          REDIS_PASSWORD_FILE  a file holding the Redis password (off command lines)
          RESERVATION_TIMEOUT  seconds a hold lasts (default 300)
          BOXOFFICE_CLERK      the clerk's name (default: the login name); --clerk
                               overrides it

        EXIT CODES
          0   success (also: an idempotent replay, cancelling a cancelled booking,
              `find` with no match)
          1   bad input: unknown theater, performance, seat or booking; malformed
              file; key reused for other seats; releasing a seat you do not hold;
              `doctor` found something to fix
          2   conflict: the seat is booked (the booking reference is named) or held
              by another clerk
          3   a service is unavailable: Redis down for reserve/release; database
              missing, read-only, full or locked
          64  a malformed command line
        """,
        version: "boxoffice \(Version.current)",
        subcommands: [
            TuiCommand.self, TheatersCommand.self, PerformancesCommand.self, SeatsCommand.self,
            ReserveCommand.self, ReleaseCommand.self, BookCommand.self, CancelCommand.self, FindCommand.self,
            BlockCommand.self, UnblockCommand.self, ImportCommand.self, InitCommand.self, DoctorCommand.self,
            AuditCommand.self, BackupCommand.self, RestoreCommand.self,
            ConfigCommand.self, ClerkCommand.self,
            VenueCommand.self, HoldbackCommand.self, ReleaseHoldbackCommand.self,
            TypesCommand.self, PricesCommand.self, PayCommand.self, ExchangeCommand.self, ExpireUnpaidCommand.self,
            TicketCommand.self, ReceiptCommand.self, CheckinCommand.self, DoorCommand.self, ReportCommand.self,
            APIKeyCommand.self,
        ],
        defaultSubcommand: TuiCommand.self
    )
}
