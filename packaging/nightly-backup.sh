#!/bin/sh
# The nightly backup, as boxoffice-backup.service runs it (started by boxoffice-backup.timer): a consistent copy of
# the live database while clerks keep selling (`boxoffice backup`, i.e. VACUUM INTO) into
# /var/lib/boxoffice/backups/nightly-<UTC date>-<time>.sqlite, then all but the newest BOXOFFICE_BACKUP_KEEP
# (default 14) nightly copies are deleted. The copies `boxoffice init` makes before an upgrade (…-schema…) are never
# touched here. BOXOFFICE_BACKUP_KEEP comes from /etc/boxoffice/boxoffice.conf (the unit's EnvironmentFile).
set -eu

folder=/var/lib/boxoffice/backups
keep=${BOXOFFICE_BACKUP_KEEP:-14}
case $keep in
    '' | *[!0-9]* | 0*)
        echo "boxoffice nightly backup: BOXOFFICE_BACKUP_KEEP must be a whole number from 1, not '$keep'; nothing was copied." >&2
        exit 1 ;;
esac
umask 007
[ -d "$folder" ] || { mkdir -p "$folder" && chmod 2770 "$folder"; }
file=$folder/nightly-$(date -u +%Y%m%d-%H%M%S).sqlite
BOXOFFICE_CLERK=backup /usr/bin/boxoffice backup "$file"
# Names sort by time: everything after the newest $keep goes.
ls -1 "$folder" | grep -E '^nightly-[0-9]{8}-[0-9]{6}\.sqlite$' | sort -r | tail -n "+$((keep + 1))" |
    while read -r old; do rm -f "$folder/$old" && echo "boxoffice nightly backup: removed the old copy $old"; done
