#!/bin/sh
# boxoffice's setup on a server, as root: the boxoffice group, the data folder, the database created or upgraded
# (after a backup). The one home of these steps: the package's postinst runs it on every install and upgrade, and
# `make install` runs it when it installs onto this machine (no DESTDIR). Never touches a booking; safe to run again.
# Installed as /usr/lib/boxoffice/setup (make install: $PREFIX/lib/boxoffice/setup, with its paths rewritten).
set -e

if [ "$(id -u)" != 0 ]; then
    echo "boxoffice setup: run it as root (it creates the boxoffice group and /var/lib/boxoffice)." >&2
    exit 1
fi
if ! getent group boxoffice >/dev/null; then
    groupadd --system boxoffice
fi
# The data folder: the group's (setgid, so every file created in it is too), nobody else's.
install -d -m 2770 -o root -g boxoffice /var/lib/boxoffice
chown root:boxoffice /var/lib/boxoffice
chmod 2770 /var/lib/boxoffice
# Creates the database, or upgrades an existing one after copying it to /var/lib/boxoffice/backups/.
BOXOFFICE_CONFIG=/etc/boxoffice/boxoffice.conf BOXOFFICE_CLERK=${BOXOFFICE_CLERK:-setup} /usr/bin/boxoffice init ||
    echo "boxoffice: \`boxoffice init\` failed (see above); the bookings are untouched. Fix the problem, then run \`sudo boxoffice init\`." >&2
