#!/usr/bin/env bash
# Installs boxoffice's files at Debian's usual places under DESTDIR: what `make install` and `make deb` share.
#   packaging/install.sh <release-build-folder> <man-folder>   (PREFIX, DESTDIR, SYSCONFDIR, UNITDIR from the environment)
# The binary lives in $PREFIX/lib/boxoffice beside its resources (the Lua scripts and the demo seed, which Swift's
# Bundle.module finds next to the executable); $PREFIX/bin/boxoffice is a symlink to it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 man=$2
PREFIX=${PREFIX:-/usr} DESTDIR=${DESTDIR:-} SYSCONFDIR=${SYSCONFDIR:-/etc} UNITDIR=${UNITDIR:-/lib/systemd/system}
root=$DESTDIR$PREFIX

install -d "$root/bin" "$root/lib/boxoffice" "$root/share/man/man1" "$root/share/doc/boxoffice" \
  "$root/share/bash-completion/completions" "$root/share/zsh/vendor-completions" "$root/share/fish/vendor_completions.d" \
  "$DESTDIR$SYSCONFDIR/boxoffice" "$DESTDIR$UNITDIR"

programs=(boxoffice)
[ -x "$build/boxoffice-server" ] && programs+=(boxoffice-server)
for program in "${programs[@]}"; do
  install -m 755 "$build/$program" "$root/lib/boxoffice/$program"
  strip --strip-unneeded "$root/lib/boxoffice/$program"
  ln -sfn "../lib/boxoffice/$program" "$root/bin/$program"
done
rm -rf "$root/lib/boxoffice/"*.resources
for resources in "$build"/*.resources; do
  [ -d "$resources" ] || continue
  cp -R "$resources" "$root/lib/boxoffice/"
  chmod -R u=rwX,go=rX "$root/lib/boxoffice/$(basename "$resources")"
done

# Completions, from the argument parser itself.
"$build/boxoffice" --generate-completion-script bash >"$root/share/bash-completion/completions/boxoffice"
"$build/boxoffice" --generate-completion-script zsh >"$root/share/zsh/vendor-completions/_boxoffice"
"$build/boxoffice" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/boxoffice.fish"
chmod 644 "$root"/share/*/completions/boxoffice "$root/share/zsh/vendor-completions/_boxoffice" "$root/share/fish/vendor_completions.d/boxoffice.fish"

for page in "$man"/*.1; do gzip -9n <"$page" >"$root/share/man/man1/$(basename "$page").gz"; done
chmod 644 "$root"/share/man/man1/*.gz

install -m 644 README.md "$root/share/doc/boxoffice/README.md"
[ -e "$DESTDIR$SYSCONFDIR/boxoffice/boxoffice.conf" ] || install -m 644 packaging/boxoffice.conf "$DESTDIR$SYSCONFDIR/boxoffice/boxoffice.conf"
# The server's setup (group, data folder, database), run by the package's postinst and by `make install` without DESTDIR.
sed -e "s|/usr/bin/boxoffice|$PREFIX/bin/boxoffice|g" -e "s|/etc/boxoffice/|$SYSCONFDIR/boxoffice/|g" packaging/setup.sh >"$root/lib/boxoffice/setup"
chmod 755 "$root/lib/boxoffice/setup"
# The nightly backup that boxoffice-backup.service runs (boxoffice-backup.timer starts it).
sed -e "s|/usr/bin/boxoffice|$PREFIX/bin/boxoffice|g" packaging/nightly-backup.sh >"$root/lib/boxoffice/nightly-backup"
chmod 755 "$root/lib/boxoffice/nightly-backup"
units=(boxoffice-redis.service boxoffice-backup.service boxoffice-backup.timer)
[ -x "$build/boxoffice-server" ] && units+=(boxoffice-server.service)
for unit in "${units[@]}"; do
  sed -e "s|/usr/bin/boxoffice|$PREFIX/bin/boxoffice|g" -e "s|/usr/lib/boxoffice/|$PREFIX/lib/boxoffice/|g" \
    -e "s|/etc/boxoffice/|$SYSCONFDIR/boxoffice/|g" "packaging/systemd/$unit" >"$DESTDIR$UNITDIR/$unit"
  chmod 644 "$DESTDIR$UNITDIR/$unit"
done
