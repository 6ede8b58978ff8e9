#!/usr/bin/env bash
# `make deb`: dist/boxoffice_<version>_amd64.deb from the release build, with dpkg-deb (no network).
#   packaging/build-deb.sh <release-build-folder> <man-folder> <version>
# Depends is computed by dpkg-shlibdeps from the libraries the programs really link (the Swift runtime is linked
# statically, so these are Debian's own: libc, libsqlite3, libhiredis, libncursesw… (the release boxoffice has SQLite,
# hiredis and ncurses linked in; boxoffice-server still links them)), plus redis-server for the box office's Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1 man=$2 version=$3
stage=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root

PREFIX=/usr DESTDIR=$root SYSCONFDIR=/etc UNITDIR=/lib/systemd/system packaging/install.sh "$build" "$man"

install -d -m 755 "$root/DEBIAN"
install -m 755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
install -m 644 packaging/debian/conffiles "$root/DEBIAN/"

# dpkg-shlibdeps wants a source package around it: a minimal one in the staging folder.
mkdir -p "$stage/debian"
printf 'Source: boxoffice\n\nPackage: boxoffice\nArchitecture: amd64\n' >"$stage/debian/control"
shlibs=$(cd "$stage" && dpkg-shlibdeps -O $(find root/usr/lib/boxoffice -maxdepth 1 -type f -perm -u+x) 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "dpkg-shlibdeps found no libraries; is dpkg-dev installed?" >&2; exit 1; }
# libcrypto is loaded with dlopen for API keys (Sources/CLibcrypto), so dpkg-shlibdeps may not see it.
case ", $shlibs," in *", libssl3 "*|*", libssl3,"*) ;; *) shlibs="$shlibs, libssl3" ;; esac
# libqrencode likewise, for printed tickets (Sources/CQRencode).
case ", $shlibs," in *", libqrencode4 "*|*", libqrencode4,"*) ;; *) shlibs="$shlibs, libqrencode4" ;; esac
depends="$shlibs, redis-server, passwd"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
  packaging/debian/control.in >"$root/DEBIAN/control"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"

mkdir -p dist
out=dist/boxoffice_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1), installed $((size / 1024)) MB): Depends: $depends"
